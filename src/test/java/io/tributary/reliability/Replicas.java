package io.tributary.reliability;

import io.tributary.testing.ArtemisPair;
import io.tributary.testing.Deadlines;
import io.tributary.testing.LibertyProcess;
import io.tributary.testing.TestPorts;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * N replicas of one application: Open Liberty servers run as processes of their own
 * ({@link LibertyProcess}), each with its own HTTP port (nominal 62287 + i, through {@link TestPorts}) and
 * the same WAR, all on one broker pair's failover URL with a short connection TTL ({@value #URL_OPTIONS}: the
 * broker gives a dead replica's unsettled messages to the others within about 4 s). Replica {@code i} is
 * named {@code replica-i} ({@code REPLICA_NAME}); the broker login reaches each through the environment
 * ({@code TRIBUTARY_BROKER_*}), never a file. They are started one after another, so replica 0 is the first
 * consumer of every queue. {@link #close} stops every server it started. Not thread-safe: one test drives it.
 */
final class Replicas implements AutoCloseable {

    /** The client options added to the pair's URL: the broker drops a silent client after 4 s. */
    static final String URL_OPTIONS = "&connectionTTL=4000&clientFailureCheckPeriod=1000";
    /** The most replicas a test may ask for (one nominal port each). */
    static final int MAX = 3;
    private static final int FIRST_PORT = 62287;
    private static final Duration START_DEADLINE = Duration.ofMinutes(4);
    /** Liberty's messages for an application it could not start (CWWKZ0002E, CWWKZ0004E, CWWKZ0005E...). */
    private static final Pattern APPLICATION_FAILED = Pattern.compile("CWWKZ000[2-9]E");

    private final List<LibertyProcess> servers = new ArrayList<>();
    private final List<Map<String, String>> environments = new ArrayList<>();
    private final String application;

    private Replicas(String application) {
        this.application = application;
    }

    /** Starts {@code count} replicas of {@code war} (application {@code application}) on {@code pair}. */
    static Replicas start(int count, Path war, String application, ArtemisPair pair) throws IOException,
            InterruptedException {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("replicas: " + count + " is not allowed: use 1 to " + MAX);
        }
        Replicas replicas = new Replicas(application);
        try {
            for (int i = 0; i < count; i++) {
                int port = TestPorts.shifted(FIRST_PORT + i);
                LibertyProcess server = LibertyProcess.create("replica-" + i + "-h" + port, serverXml(port)).deploy(war);
                replicas.servers.add(server);
                replicas.environments.add(Map.of("REPLICA_NAME", name(i), "TRIBUTARY_BROKER_URL", pair.url() + URL_OPTIONS,
                        "TRIBUTARY_BROKER_USER", pair.user(), "TRIBUTARY_BROKER_PASSWORD", pair.password(),
                        "JVM_ARGS", "-Xmx384m"));
                replicas.start(i);
            }
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            replicas.close();
            throw e;
        }
        return replicas;
    }

    /** The name of replica {@code i}. */
    static String name(int i) {
        return "replica-" + i;
    }

    /** How many replicas there are (running or killed). */
    int count() {
        return servers.size();
    }

    /** Kills replica {@code i} with SIGKILL; returns once its processes are gone. */
    void kill(int i) throws InterruptedException, IOException {
        servers.get(i).kill();
    }

    /**
     * Starts replica {@code i} (again, after {@link #kill}); returns once its application has started, fails
     * at once if Liberty reports that it could not start it.
     */
    void start(int i) throws IOException, InterruptedException {
        LibertyProcess server = servers.get(i).start(environments.get(i), START_DEADLINE);
        String started = "CWWKZ0001I: Application " + application + " started";
        Deadlines.await(() -> server.log().contains(started) || APPLICATION_FAILED.matcher(server.log()).find(),
                START_DEADLINE, started + " on " + name(i));
        if (!server.log().contains(started)) {
            throw new IllegalStateException(name(i) + " could not start " + application + ": " + server.log());
        }
    }

    @Override
    public void close() {
        servers.forEach(LibertyProcess::close);
    }

    private static String serverXml(int port) {
        return LibertyProcess.serverXml("a replica of a Tributary application", port, "cdi-4.0", "mpConfig-3.1",
                "mpReactiveMessaging-3.0", "servlet-6.0");
    }
}
