package io.tributary.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

/**
 * Two real Artemis brokers ({@link ArtemisProcess}) from the distribution, run as a replicated HA pair:
 * one primary and one backup, on loopback ports, configured with the broker.xml fragments of
 * {@code k8s/artemis-ha} (system property {@code artemis.ha.fragments}) that the Kubernetes manifests
 * use too. The backup replicates the active broker's journal; a file lock in a folder both share (the
 * pluggable lock manager of Artemis) decides which of the two is active, so the pair never has two
 * active brokers. Both accept the same generated login.
 *
 * <p>{@link #start} returns once the primary accepts clients and the backup has announced it is in sync
 * ({@value #IN_SYNC}). {@link #killActive} ends the active broker with SIGKILL and returns once the other
 * accepts clients; {@link #restart} brings a killed broker back, as the new backup, and returns once it is
 * in sync. Every wait is bounded by {@link ArtemisProcess#STARTUP_DEADLINE}. {@link #close} stops both.
 * Methods are synchronized; one pair per name and ports at a time.
 */
public final class ArtemisPair implements AutoCloseable {

    /** What a backup logs once its copy of the journal is in sync with the active broker. */
    public static final String IN_SYNC = "AMQ221024";

    /**
     * The system properties the HA fragments read ({@code ${name}} in broker.xml), in the order
     * self, peer, locks, cluster user, cluster password; the harness and the Kubernetes pods set each.
     */
    public static final List<String> SYSTEM_PROPERTIES = List.of("tributary.ha.self", "tributary.ha.peer",
            "tributary.ha.locks", "tributary.ha.cluster.user", "tributary.ha.cluster.password");
    /** The fragments of broker.xml, in {@code k8s/artemis-ha}: both brokers', the primary's, the backup's. */
    public static final List<String> FRAGMENTS = List.of("ha-common.xml", "ha-primary.xml", "ha-backup.xml");

    private static final String HOST = "127.0.0.1";

    private final ArtemisProcess primary;
    private final ArtemisProcess backup;

    private ArtemisPair(ArtemisProcess primary, ArtemisProcess backup) {
        this.primary = primary;
        this.backup = backup;
    }

    /**
     * Creates (does not start) a pair named {@code name}: brokers {@code name-primary} on
     * {@code primaryPort} and {@code name-backup} on {@code backupPort}, fresh instances.
     */
    public static ArtemisPair create(String name, int primaryPort, int backupPort) {
        List<ArtemisProcess> brokers = ArtemisProcess.createSharingLogin(name, List.of("primary", "backup"),
                List.of(primaryPort, backupPort));
        ArtemisProcess primary = brokers.get(0);
        ArtemisProcess backup = brokers.get(1);
        String clusterPassword = ArtemisProcess.randomSecret();
        Path locks = primary.instance().resolveSibling(name + "-locks");
        try {
            ArtemisProcess.deleteRecursively(locks);
            Files.createDirectories(locks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the lock folder " + locks, e);
        }
        configure(primary, FRAGMENTS.get(1), backup.port(), locks, clusterPassword);
        configure(backup, FRAGMENTS.get(2), primary.port(), locks, clusterPassword);
        return new ArtemisPair(primary, backup);
    }

    /**
     * Starts the primary, then the backup, and returns once the backup is in sync; if that fails it stops
     * what it started.
     */
    public synchronized ArtemisPair start() {
        try {
            primary.start();
            backup.startUntilLogged(IN_SYNC);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
        return this;
    }

    /**
     * The failover URL of the pair, as a user writes it: both acceptors, {@code ha=true} (the client
     * learns the backup and fails over to it) and {@code reconnectAttempts=-1}. Tributary's
     * {@link io.tributary.artemis.ArtemisConnections} adds its other client defaults.
     */
    public String url() {
        return "(tcp://" + HOST + ":" + primary.port() + ",tcp://" + HOST + ":" + backup.port() + ")?ha=true"
                + "&reconnectAttempts=-1";
    }

    /** The broker that accepts clients now. */
    public synchronized ArtemisProcess active() {
        List<ArtemisProcess> accepting = List.of(primary, backup).stream().filter(ArtemisProcess::accepting).toList();
        if (accepting.size() != 1) {
            throw new IllegalStateException(accepting.size() + " brokers of the pair accept clients; see "
                    + primary.log() + " and " + backup.log());
        }
        return accepting.get(0);
    }

    /** The broker started as the primary. */
    public ArtemisProcess primary() {
        return primary;
    }

    /** The broker started as the backup. */
    public ArtemisProcess backup() {
        return backup;
    }

    /**
     * Kills the active broker with SIGKILL and returns it once the other broker accepts clients (it
     * took over with the replicated journal).
     */
    public synchronized ArtemisProcess killActive() throws InterruptedException {
        ArtemisProcess victim = active();
        ArtemisProcess survivor = victim == primary ? backup : primary;
        victim.kill();
        Deadlines.await(survivor::accepting, ArtemisProcess.STARTUP_DEADLINE,
                "the backup " + survivor.log() + " to take over from the killed broker");
        return victim;
    }

    /** Starts {@code broker} of this pair again after a kill; returns once it is the in-sync backup. */
    public synchronized void restart(ArtemisProcess broker) {
        if (broker != primary && broker != backup) {
            throw new IllegalArgumentException(broker.log() + " is not a broker of this pair");
        }
        broker.startUntilLogged(IN_SYNC);
    }

    /** The login both brokers accept. */
    public String user() {
        return primary.user();
    }

    /** The password of {@link #user()}. */
    public String password() {
        return primary.password();
    }

    /** Stops both brokers (the backup first, so the primary does not fail over to it). Safe to repeat. */
    @Override
    public synchronized void close() {
        try {
            backup.close();
        } finally {
            primary.close();
        }
    }

    private static void configure(ArtemisProcess broker, String roleFragment, int peerPort, Path locks,
            String clusterPassword) {
        link(broker, peerPort, locks, clusterPassword);
        broker.include(fragment(roleFragment));
    }

    /**
     * Links {@code broker} to the broker on {@code peerPort}: includes the common fragment (connectors to
     * both, a cluster connection) and sets every system property of {@link #SYSTEM_PROPERTIES}.
     */
    static void link(ArtemisProcess broker, int peerPort, Path locks, String clusterPassword) {
        broker.include(fragment(FRAGMENTS.get(0)));
        List<String> values = List.of(HOST + ":" + broker.port(), HOST + ":" + peerPort, locks.toString(), "cluster",
                clusterPassword);
        for (int i = 0; i < values.size(); i++) {
            broker.systemProperty(SYSTEM_PROPERTIES.get(i), values.get(i));
        }
    }

    private static String fragment(String name) {
        Path fragments = Paths.get(System.getProperty("artemis.ha.fragments", "k8s/artemis-ha"));
        try {
            return Files.readString(fragments.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the HA fragment " + fragments.toAbsolutePath().resolve(name), e);
        }
    }
}
