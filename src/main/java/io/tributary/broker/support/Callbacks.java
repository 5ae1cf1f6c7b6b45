package io.tributary.broker.support;

import io.tributary.broker.Eventer;

import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls user callbacks so that a throwing callback never breaks the broker: the exception is logged at
 * WARNING with the broker's name and otherwise ignored.
 */
public final class Callbacks {

    private static final Logger LOG = Logger.getLogger(Callbacks.class.getName());

    private Callbacks() {
    }

    /** Calls an ACK callback with {@code count}, if positive. */
    public static void acked(String broker, IntConsumer callback, int count) {
        if (count > 0) {
            try {
                callback.accept(count);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, e, () -> "broker '" + broker + "': an ACK callback failed for " + count
                        + " events; ignored");
            }
        }
    }

    /** Tells the eventer about {@code count} acked events, if positive. */
    public static void acked(String broker, Eventer eventer, int count) {
        acked(broker, (IntConsumer) eventer::onAck, count);
    }

    /** Calls a drop callback with one dropped event. */
    public static <E> void dropped(String broker, Consumer<? super E> callback, E event) {
        try {
            callback.accept(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, e, () -> "broker '" + broker + "': a drop callback failed; ignored");
        }
    }
}
