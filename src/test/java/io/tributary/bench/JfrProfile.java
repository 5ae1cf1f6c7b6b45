package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * An optional JDK Flight Recorder profile of the harness JVM over one measurement ({@code -Dbench.jfr}): execution
 * samples every 10 ms, written to {@code target/bench/jfr/NAME.jfr} and summarised as the {@value #TOP} methods
 * most often on top of a sampled stack, with their share of the samples, so a point where throughput stops
 * growing says where the client's CPU went. Without the property {@link #start} records nothing and
 * {@link #summary} is empty. One recording per instance, one thread.
 */
final class JfrProfile {

    private static final int TOP = 5;
    private static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";

    private final String name;
    private final Recording recording;

    private JfrProfile(String name, Recording recording) {
        this.name = name;
        this.recording = recording;
    }

    /** Starts a recording named {@code name} if {@code bench.jfr} is set. */
    static JfrProfile start(String name) {
        String flag = System.getProperty("bench.jfr");
        if (flag == null || "false".equals(flag)) {
            return new JfrProfile(name, null);
        }
        Recording r = new Recording();
        r.enable(EXECUTION_SAMPLE).withPeriod(Duration.ofMillis(10));
        r.start();
        return new JfrProfile(name, r);
    }

    /** Stops the recording and returns its summary, e.g. {@code "client profile: 12 % a.B.c, ..."}; "" if none. */
    String summary() throws IOException {
        if (recording == null) {
            return "";
        }
        recording.stop();
        Path dir = Files.createDirectories(Paths.get("target", "bench", "jfr"));
        Path file = dir.resolve(name + ".jfr");
        recording.dump(file);
        recording.close();
        Map<String, Integer> tops = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals(EXECUTION_SAMPLE) && e.getStackTrace() != null
                    && !e.getStackTrace().getFrames().isEmpty()) {
                RecordedFrame top = e.getStackTrace().getFrames().get(0);
                tops.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1, Integer::sum);
                samples++;
            }
        }
        int total = samples;
        List<String> hottest = tops.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(TOP)
                .map(t -> String.format(Locale.ROOT, "%.0f %% %s", 100.0 * t.getValue() / total, t.getKey())).toList();
        return String.format(Locale.ROOT, "; client profile (%d samples, %s): %s", total, file,
                hottest.stream().collect(Collectors.joining(", ")));
    }
}
