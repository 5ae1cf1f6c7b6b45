package io.tributary.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Artemis' own {@code artemis perf client} from the distribution's {@code bin/}, as a separate JVM against the
 * same broker: one producer and one consumer at the same time, 1 KiB persistent messages, at most
 * {@value #MAX_PENDING} sends pending. The client URL carries {@code confirmationWindowSize}, so its async sends
 * are confirmed by the broker (without it the perf client's send rate is not a confirmed-send rate). The rate
 * is the consumer's received messages per second over the measured intervals of its {@code --json} report.
 * Its consumer auto-acknowledges (its {@code --tx} mode hung here), so this is a reference point for the broker,
 * not a transacted consumer.
 */
final class ArtemisPerfClient extends NamedScenario {

    private static final int MAX_PENDING = 100;
    private static final Pattern INTERVAL = Pattern.compile(
            "\"sampleType\":\"interval\",\"warmup\":(true|false),\"time\":(\\d+),.*?\"received\":(\\d+)");

    ArtemisPerfClient() {
        super("artemis-perf", "produce-consume-auto-ack", null);
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        Path dir = Files.createDirectories(Paths.get("target", "bench"));
        Path json = dir.resolve("artemis-perf.json");
        Path log = dir.resolve("artemis-perf.log");
        Files.deleteIfExists(json);
        int duration = bench.quick() ? 4 : 10;
        Process client = start(bench, duration, json, log);
        try {
            if (!client.waitFor(duration + 60L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("artemis perf client still running after " + (duration + 60) + " s; see " + log);
            }
            if (client.exitValue() != 0 || !Files.exists(json)) {
                throw new IllegalStateException("artemis perf client exited with " + client.exitValue() + "; see " + log);
            }
        } finally {
            client.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            client.destroyForcibly();
        }
        return Measurement.of(receivedRate(Files.readString(json))).withNote("perf client, " + duration
                + " s, 1 producer + 1 consumer concurrently, max-pending " + MAX_PENDING
                + ", confirmationWindowSize set so sends are confirmed, consumer auto-acknowledges");
    }

    private Process start(Bench bench, int duration, Path json, Path log) throws IOException {
        String home = System.getProperty("artemis.home");
        List<String> command = new ArrayList<>(List.of("bash", Paths.get(home, "bin", "artemis").toString(),
                "perf", "client", "--url", bench.broker().url(), "--user", bench.broker().user(),
                "--password", bench.broker().password(), "--persistent", "--message-size", Integer.toString(Bench.BODY_BYTES),
                "--max-pending", Integer.toString(MAX_PENDING), "--warmup", "1", "--duration", Integer.toString(duration),
                "--json", json.toAbsolutePath().toString(), "--silent"));
        command.add("queue://" + bench.freshQueue());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder.start();
    }

    /** Received messages per second between the first and the last measured interval sample. */
    static double receivedRate(String report) {
        Matcher m = INTERVAL.matcher(report);
        long firstTime = -1;
        long lastTime = -1;
        long received = 0;
        while (m.find()) {
            if (Boolean.parseBoolean(m.group(1))) {
                continue;
            }
            long time = Long.parseLong(m.group(2));
            if (firstTime < 0) {
                firstTime = time;
            } else {
                received += Long.parseLong(m.group(3));
                lastTime = time;
            }
        }
        if (lastTime <= firstTime) {
            throw new IllegalStateException("artemis perf report has fewer than two measured intervals");
        }
        return received * 1000.0 / (lastTime - firstTime);
    }
}
