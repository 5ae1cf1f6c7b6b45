package io.tributary.supervision;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The long-running loops of this JVM that are running now, for readiness. A {@link LoopHealth} is listed
 * from {@link LoopHealth#start} until it is {@link LoopHealth#close() closed}, so the list holds only
 * live loops and never grows beyond them. Thread-safe.
 */
public final class Loops {

    private static final Set<LoopHealth> LIVE = ConcurrentHashMap.newKeySet();

    private Loops() {
    }

    /** Every live loop, in no particular order. */
    public static List<LoopHealth> live() {
        return List.copyOf(LIVE);
    }

    static void add(LoopHealth loop) {
        LIVE.add(loop);
    }

    static void remove(LoopHealth loop) {
        LIVE.remove(loop);
    }
}
