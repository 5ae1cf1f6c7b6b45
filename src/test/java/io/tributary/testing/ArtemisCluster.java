package io.tributary.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Two real Artemis brokers ({@link ArtemisProcess}) as a symmetric cluster on loopback ports: static
 * connectors and a cluster connection from {@code k8s/artemis-ha/ha-common.xml} (message load balancing
 * {@code ON_DEMAND}, Artemis' default), redistribution at once, and clustered message grouping (node 0
 * has the LOCAL grouping handler, node 1 a REMOTE one; {@code artemis-cluster/grouping-*.xml} on the test
 * class path), so a key's messages stay on one consumer whichever node they were sent to. Both accept
 * the same generated login. Not an HA setup: a killed node's messages wait for it.
 *
 * <p>{@link #start} returns once both nodes accept clients and each has logged its cluster bridge as
 * connected ({@value #BRIDGE_CONNECTED}); if that fails it stops what it started. {@link #close} stops both. Methods are synchronized.
 */
public final class ArtemisCluster implements AutoCloseable {

    /** What a node logs once its cluster bridge to the other node is connected. */
    public static final String BRIDGE_CONNECTED = "AMQ221027";

    private final List<ArtemisProcess> nodes;

    private ArtemisCluster(List<ArtemisProcess> nodes) {
        this.nodes = nodes;
    }

    /** Creates (does not start) a cluster named {@code name} with nodes on {@code port0} and {@code port1}. */
    public static ArtemisCluster create(String name, int port0, int port1) {
        List<ArtemisProcess> nodes = ArtemisProcess.createSharingLogin(name, List.of("0", "1"), List.of(port0, port1));
        ArtemisProcess node0 = nodes.get(0);
        ArtemisProcess node1 = nodes.get(1);
        String clusterPassword = ArtemisProcess.randomSecret();
        Path unusedLocks = node0.instance().resolveSibling(name + "-no-locks");
        ArtemisPair.link(node0, port1, unusedLocks, clusterPassword);
        ArtemisPair.link(node1, port0, unusedLocks, clusterPassword);
        node0.include(resource("artemis-cluster/grouping-local.xml")).redistributeAtOnce();
        node1.include(resource("artemis-cluster/grouping-remote.xml")).redistributeAtOnce();
        return new ArtemisCluster(nodes);
    }

    /** Starts both nodes; returns once both accept clients and their cluster bridges are connected. */
    public synchronized ArtemisCluster start() throws InterruptedException {
        try {
            for (ArtemisProcess node : nodes) {
                node.start();
            }
            for (ArtemisProcess node : nodes) {
                Deadlines.await(() -> node.loggedSinceStart(BRIDGE_CONNECTED), ArtemisProcess.STARTUP_DEADLINE,
                        "the cluster bridge of " + node.log() + " connected");
            }
        } catch (RuntimeException | Error | InterruptedException e) {
            close();
            throw e;
        }
        return this;
    }

    /** The nodes, 0 (LOCAL grouping handler) and 1. */
    public List<ArtemisProcess> nodes() {
        return nodes;
    }

    /** The client URL of node {@code i}. */
    public String url(int i) {
        return "tcp://127.0.0.1:" + nodes.get(i).port();
    }

    /** The login both nodes accept. */
    public String user() {
        return nodes.get(0).user();
    }

    /** The password of {@link #user()}. */
    public String password() {
        return nodes.get(0).password();
    }

    /** Stops both nodes. Safe to repeat. */
    @Override
    public synchronized void close() {
        try {
            nodes.get(1).close();
        } finally {
            nodes.get(0).close();
        }
    }

    private static String resource(String name) {
        try (InputStream in = ArtemisCluster.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no " + name + " on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
