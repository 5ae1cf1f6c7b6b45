package io.tributary.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * An Open Liberty server of its own, run as a child process of the test ({@code bin/server run}) in the
 * runtime the build installed (system property {@code arquillian.wlp.home}): for what the shared Arquillian
 * server cannot show, such as a server with only a few features. The server directory is written afresh
 * from the {@code server.xml} given; applications are copied into {@code dropins}. {@link #close()} stops
 * the process it started (SIGTERM, then SIGKILL of it and its descendants after
 * {@value #STOP_SECONDS} s) and always returns. Not thread-safe: one test drives it.
 */
public final class LibertyProcess implements AutoCloseable {

    private static final int STOP_SECONDS = 30;

    private final Path wlp;
    private final Path server;
    private final String name;
    private Process process;

    private LibertyProcess(Path wlp, String name) {
        this.wlp = wlp;
        this.name = name;
        this.server = wlp.resolve("usr/servers").resolve(name);
    }

    /** A server {@code name} with {@code serverXml}, its directory emptied first. */
    public static LibertyProcess create(String name, String serverXml) throws IOException {
        String home = System.getProperty("arquillian.wlp.home");
        if (home == null || !Files.isDirectory(Path.of(home))) {
            throw new IllegalStateException("no Liberty runtime at arquillian.wlp.home=" + home
                    + ": run in-container tests through `mvn verify`");
        }
        LibertyProcess liberty = new LibertyProcess(Path.of(home), name);
        deleteTree(liberty.server);
        Files.createDirectories(liberty.server.resolve("dropins"));
        Files.writeString(liberty.server.resolve("server.xml"), serverXml, StandardCharsets.UTF_8);
        return liberty;
    }

    /**
     * A {@code server.xml} with {@code features}, HTTP on 127.0.0.1:{@code httpPort} (no HTTPS) and
     * applications expanded from {@code dropins}.
     */
    public static String serverXml(String description, int httpPort, String... features) {
        StringBuilder xml = new StringBuilder("<server description=\"" + description + "\">\n    <featureManager>\n");
        for (String feature : features) {
            xml.append("        <feature>").append(feature).append("</feature>\n");
        }
        return xml.append("    </featureManager>\n    <httpEndpoint id=\"defaultHttpEndpoint\" host=\"127.0.0.1\" httpPort=\"")
                .append(httpPort).append("\" httpsPort=\"-1\"/>\n    <applicationManager autoExpand=\"true\"/>\n</server>\n")
                .toString();
    }

    /** Copies {@code war} into {@code dropins}, where the server deploys it (at start, or when it sees it). */
    public LibertyProcess deploy(Path war) throws IOException {
        Files.copy(war, server.resolve("dropins").resolve(war.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return this;
    }

    /** Copies {@code file} into the server's configuration directory (next to its {@code server.xml}). */
    public LibertyProcess configure(Path file) throws IOException {
        Files.copy(file, server.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return this;
    }

    /** Starts the server with {@code environment} added to this JVM's; returns once it is ready. */
    public LibertyProcess start(Map<String, String> environment, Duration deadline) throws IOException,
            InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(wlp.resolve("bin/server").toString(), "run", name)
                .redirectErrorStream(true).redirectOutput(server.resolve("console.out").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        process = builder.start();
        Deadlines.await(() -> log().contains("CWWKF0011I") || !process.isAlive(), deadline,
                "Liberty server " + name + " ready (CWWKF0011I in " + messages() + ")");
        if (!process.isAlive()) {
            throw new IllegalStateException("Liberty server " + name + " exited with " + process.exitValue() + "; see "
                    + server.resolve("console.out"));
        }
        return this;
    }

    /** Waits until {@code messages.log} contains {@code text}; returns the log. */
    public String awaitLog(String text, Duration deadline) throws InterruptedException {
        Deadlines.await(() -> log().contains(text), deadline, "'" + text + "' in " + messages());
        return log();
    }

    /** What {@code messages.log} holds now (empty before the server wrote it). */
    public String log() {
        try {
            return Files.isRegularFile(messages()) ? Files.readString(messages(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kills the server at once ({@code kill -9} of the process and its descendants), as a crash would, and
     * waits for them to be gone; the server directory stays, so {@link #start} runs it again with its
     * transaction log. The killed server's {@code messages.log} is kept as {@code messages-killed-TIME.log},
     * so {@link #log()} shows the next run's only.
     */
    public void kill() throws InterruptedException, IOException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.toHandle().descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : tree) {
            Deadlines.await(() -> !h.isAlive(), Duration.ofSeconds(STOP_SECONDS), "PID " + h.pid() + " gone after SIGKILL");
        }
        process = null;
        if (Files.isRegularFile(messages())) {
            Files.move(messages(), messages().resolveSibling("messages-killed-" + System.currentTimeMillis() + ".log"));
        }
    }

    /** The server's directory (its logs, transaction log and configuration). */
    public Path directory() {
        return server;
    }

    /** Stops the server; safe to call more than once. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.toHandle().descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_SECONDS);
        try {
            for (ProcessHandle h : tree) {
                h.onExit().get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (TimeoutException | ExecutionException e) {
            // still alive: killed below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    private Path messages() {
        return server.resolve("logs/messages.log");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
