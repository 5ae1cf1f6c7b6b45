package io.tributary.testing;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 15 server for tests, started from the Debian server package
 * ({@value #BIN}): a fresh cluster under {@code ${it.work.dir}/postgres/NAME} (initdb), listening on
 * 127.0.0.1 only at the given port, with {@code max_prepared_transactions} set so it can take part in XA
 * (two-phase) transactions. One user, {@value #USER}, trusted from loopback: no password exists.
 *
 * <p>{@link #close()} stops the server ({@code pg_ctl stop -m immediate}) and then kills its postmaster by
 * PID if it is still alive; it always returns. Run as root (as on the build machines), the server runs as
 * the {@code postgres} system user, which PostgreSQL requires. The server logs to {@code server.log} in the
 * cluster, the commands that manage it to {@code NAME.log} beside it. Not thread-safe.
 */
public final class PostgresProcess implements AutoCloseable {

    /** Where the server binaries are. */
    public static final String BIN = "/usr/lib/postgresql/15/bin";
    /** The database user (trusted from loopback, no password). */
    public static final String USER = "tributary";
    /** How long start and stop wait at most. */
    public static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Path data;
    private final Path log;
    private final int port;
    private Long pid;

    private PostgresProcess(Path data, int port) {
        this.data = data;
        this.log = data.resolveSibling(data.getFileName() + ".log");
        this.port = port;
    }

    /** Whether the server package is installed here. */
    public static boolean installed() {
        return Files.isExecutable(Paths.get(BIN, "pg_ctl"));
    }

    /** Creates a fresh cluster {@code name} and starts it on {@code port}. */
    public static PostgresProcess start(String name, int port) {
        Path base = Paths.get(System.getProperty("it.work.dir", "target/it"), "postgres").toAbsolutePath();
        PostgresProcess pg = new PostgresProcess(base.resolve(name), port);
        try {
            pg.create();
            pg.run(DEADLINE, BIN + "/pg_ctl", "start", "-w", "-D", pg.data.toString(), "-l",
                    pg.data.resolve("server.log").toString(), "-o",
                    "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='" + pg.data
                            + "' -c max_prepared_transactions=20 -c fsync=on");
            pg.pid = Long.parseLong(Files.readAllLines(pg.data.resolve("postmaster.pid")).get(0).trim());
            return pg;
        } catch (IOException | RuntimeException e) {
            pg.close();
            throw new IllegalStateException("PostgreSQL " + name + " did not start on port " + port + " (see " + pg.log
                    + "): " + e, e);
        }
    }

    private void create() throws IOException {
        if (Files.exists(data)) {
            run(DEADLINE, "rm", "-rf", data.toString());
        }
        Files.createDirectories(data);
        Optional<UserPrincipal> system = systemUser();
        if (system.isPresent()) {
            Files.setOwner(data, system.get());
        }
        run(DEADLINE, BIN + "/initdb", "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8",
                "--no-instructions");
    }

    /** The JDBC URL of database {@code postgres}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** The postmaster's PID. */
    public long pid() {
        return pid;
    }

    @Override
    public void close() {
        if (pid == null) {
            return;
        }
        try {
            run(DEADLINE, BIN + "/pg_ctl", "stop", "-m", "immediate", "-w", "-D", data.toString());
        } catch (RuntimeException e) {
            System.err.println("pg_ctl stop failed for " + data + ": " + e);
        }
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroyForcibly();
            p.onExit().orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS).exceptionally(t -> p).join();
        });
        pid = null;
    }

    /** The postgres system user when this JVM runs as root (PostgreSQL refuses root), else empty. */
    private static Optional<UserPrincipal> systemUser() throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.empty();
        }
        return Optional.of(Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
    }

    private void run(Duration deadline, String... command) {
        List<String> full = new ArrayList<>();
        try {
            if (systemUser().isPresent() && !command[0].equals("rm")) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(List.of(command));
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile()))
                    .start();
            if (!p.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", full) + " did not end within " + deadline);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " exited with " + p.exitValue() + " (see " + log
                        + ")");
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", full) + " could not run: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", full) + " interrupted", e);
        }
    }
}
