package io.tributary.testing;

import io.tributary.artemis.ArtemisConnections;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A real Apache ActiveMQ Artemis broker from the distribution the build unpacks (system property
 * {@code artemis.home}), running as a separate OS process, for integration tests.
 *
 * <p>{@link #create} makes a fresh broker instance under {@code ${it.work.dir}/artemis/NAME} (any
 * earlier instance of that name is deleted): persistent NIO journal, login required (unless created
 * {@link #createAllowingAnonymous allowing anonymous clients}) with a user and
 * password generated at random for this instance, no web console, one CORE acceptor on
 * {@code 127.0.0.1:port} and no other protocol, and no broker-side dead-lettering (see
 * {@link BrokerXml}). {@link #start} launches {@code bin/artemis run} and returns once the port
 * accepts connections; {@link #kill} ends the broker's JVM with SIGKILL, as a crash would;
 * {@link #start} after a kill or close restarts it on the same journal, so persistent messages
 * survive. Everything the broker prints is appended to {@code ${it.work.dir}/artemis/NAME.log}.
 *
 * <p>Waiting is always bounded ({@link #STARTUP_DEADLINE}, {@link #SHUTDOWN_DEADLINE}); a broker
 * that does not come up or go down in time fails the test with an {@link IllegalStateException}
 * naming the log file. Methods are synchronized, so one instance may be shared by test threads.
 * Two instances must not use the same name or port at the same time.
 */
public final class ArtemisProcess implements AutoCloseable {

    /** How long {@link #start} waits for the acceptor, and {@code artemis create} for the instance. */
    public static final Duration STARTUP_DEADLINE = Duration.ofSeconds(60);
    /** How long {@link #close} waits for a graceful stop, and {@link #kill} for the JVM and port to go. */
    public static final Duration SHUTDOWN_DEADLINE = Duration.ofSeconds(30);

    /** What a broker logs when it cannot start, e.g. because its acceptor cannot bind. */
    private static final String INITIALISATION_FAILED = "AMQ224000";
    private static final String HOST = "127.0.0.1";
    private static final long POLL_MILLIS = 25;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<String> PASSWORDS = ConcurrentHashMap.newKeySet();
    /** The heap every instance is created with, in MiB. */
    public static final int HEAP_MIB = 512;

    private final Path instance;
    private final Path log;
    private final int port;
    private final String user;
    private final String password;
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final boolean anonymous;
    private final boolean autotuned;
    private Process process;
    private long launchedAt;

    private ArtemisProcess(Path instance, Path log, int port, String user, String password, boolean anonymous,
                           boolean autotuned) {
        this.instance = instance;
        this.log = log;
        this.port = port;
        this.user = user;
        this.password = password;
        this.anonymous = anonymous;
        this.autotuned = autotuned;
    }

    /** Creates a broker instance on port 61716, shifted by {@link TestPorts}. */
    public static ArtemisProcess create(String name) {
        return create(name, TestPorts.shifted(61716));
    }

    /**
     * Creates a fresh broker instance named {@code name} (letters, digits, '.', '_', '-') whose
     * acceptor will listen on {@code 127.0.0.1:port}. Does not start it.
     */
    public static ArtemisProcess create(String name, int port) {
        return create(name, port, generatedUser(), randomSecret(), false, false);
    }

    /**
     * Like {@link #create(String, int)}, but with the journal {@code artemis create} chooses by default, as a
     * user's own broker has it: the journal type the machine supports (ASYNCIO with libaio, else NIO) and a
     * {@code journal-buffer-timeout} auto-tuned from a disk write test, instead of NIO without tuning.
     * {@link #journal()} says what it picked.
     */
    public static ArtemisProcess createWithDefaultJournal(String name, int port) {
        return create(name, port, generatedUser(), randomSecret(), false, true);
    }

    /**
     * Like {@link #create(String, int)}, but the broker also lets clients without credentials in (with every
     * permission): for a client configured before the broker exists, such as a Liberty server's resource
     * adapter. Still loopback only.
     */
    public static ArtemisProcess createAllowingAnonymous(String name, int port) {
        return create(name, port, generatedUser(), randomSecret(), true, false);
    }

    private static String generatedUser() {
        return "it-" + HexFormat.of().formatHex(randomBytes(6));
    }

    /**
     * Creates fresh instances {@code name-suffix} on {@code ports} (one per suffix) that accept one
     * generated login, for brokers that stand in for each other (an HA pair, a cluster).
     */
    static List<ArtemisProcess> createSharingLogin(String name, List<String> suffixes, List<Integer> ports) {
        String user = "it-" + Objects.requireNonNull(name, "name must not be null").replaceAll("[^A-Za-z0-9]", "")
                .toLowerCase();
        String password = randomSecret();
        List<ArtemisProcess> brokers = new ArrayList<>();
        for (int i = 0; i < suffixes.size(); i++) {
            brokers.add(create(name + "-" + suffixes.get(i), ports.get(i), user, password, false, false));
        }
        return brokers;
    }

    /**
     * As {@link #create(String, int)}, with the login {@code user} / {@code password} (so that brokers
     * which take over from each other accept the same client), and, if {@code anonymous}, clients without one.
     */
    private static ArtemisProcess create(String name, int port, String user, String password, boolean anonymous,
                                         boolean autotuned) {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("broker instance name '" + name
                    + "' is not allowed: use 1 to 100 of A-Z a-z 0-9 . _ -");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("broker port " + port + " is not allowed: use 1 to 65535");
        }
        Path base = Paths.get(System.getProperty("it.work.dir", "target/it"), "artemis").toAbsolutePath();
        ArtemisProcess broker = new ArtemisProcess(base.resolve(name), base.resolve(name + ".log"), port,
                user, password, anonymous, autotuned);
        PASSWORDS.add(password);
        try {
            deleteRecursively(broker.instance);
            Files.deleteIfExists(broker.log);
            Files.createDirectories(base);
            broker.createInstance();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create broker instance " + broker.instance, e);
        }
        return broker;
    }

    /**
     * Starts the broker (again, on the same journal, after {@link #kill} or {@link #close}) and
     * returns once it takes a client connection (its acceptor listens a moment before the broker serves
     * clients). Fails if the port is already taken.
     */
    public synchronized ArtemisProcess start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker " + instance + " is already running as PID " + process.pid());
        }
        if (accepting()) {
            throw new IllegalStateException("port " + port + " on " + HOST + " is already in use by another process");
        }
        launch(() -> accepting() && servesClients());
        return this;
    }

    /**
     * Starts the broker like {@link #start}, but returns once its output since this start contains
     * {@code marker} instead of once its acceptor is open (a passive backup opens none).
     */
    public synchronized ArtemisProcess startUntilLogged(String marker) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker " + instance + " is already running as PID " + process.pid());
        }
        launch(() -> loggedSinceStart(marker));
        return this;
    }

    /** Whether the broker's output since its last start contains {@code marker}. */
    public boolean loggedSinceStart(String marker) {
        long from;
        synchronized (this) {
            from = launchedAt;
        }
        try {
            byte[] bytes = Files.readAllBytes(log);
            int start = (int) Math.min(from, bytes.length);
            return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8).contains(marker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker log " + log, e);
        }
    }

    /** Whether the broker's acceptor accepts TCP connections now (a passive backup's does not). */
    public boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Adds {@code fragment} (XML elements of broker.xml's {@code <core>}, such as an {@code ha-policy})
     * to the broker's configuration. Only while the broker is not running.
     */
    public synchronized ArtemisProcess include(String fragment) {
        checkStopped();
        try {
            new BrokerXml(instance.resolve("etc/broker.xml")).include(fragment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit the broker.xml of " + instance, e);
        }
        return this;
    }

    /** Whether a client can connect and log in now (one attempt, no reconnection). */
    private boolean servesClients() {
        String once = "tcp://" + HOST + ":" + port + "?reconnectAttempts=0&initialConnectAttempts=1&callTimeout=2000";
        try (Connection c = ArtemisConnections.connectionFactory(once, user, password).createConnection()) {
            return true;
        } catch (JMSException e) {
            return false;
        }
    }

    /**
     * Sets a Java system property of the broker JVM from its next start on (broker.xml resolves
     * {@code ${name}} from them). Names and values of letters, digits and {@code . _ - : / +}.
     */
    public synchronized ArtemisProcess systemProperty(String name, String value) {
        if (!name.matches("[A-Za-z0-9._-]{1,100}") || !value.matches("[A-Za-z0-9._:/+-]{1,500}")) {
            throw new IllegalArgumentException("broker system property '" + name + "' or its value is not allowed:"
                    + " use A-Z a-z 0-9 . _ - (and : / + in the value)");
        }
        systemProperties.put(name, value);
        return this;
    }

    /**
     * Makes messages waiting on this node of a cluster without consumers move at once to a node with
     * some (catch-all {@code redistribution-delay} 0). Only while the broker is not running.
     */
    public synchronized ArtemisProcess redistributeAtOnce() {
        checkStopped();
        try {
            new BrokerXml(instance.resolve("etc/broker.xml")).redistributeAtOnce();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit the broker.xml of " + instance, e);
        }
        return this;
    }

    /**
     * The journal this instance was created with, from its {@code broker.xml}: type and buffer timeout,
     * e.g. {@code NIO, journal-buffer-timeout 84000 ns}.
     */
    public String journal() {
        try {
            return new BrokerXml(instance.resolve("etc/broker.xml")).journal();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker.xml of " + instance, e);
        }
    }

    /** The broker's instance directory. */
    public Path instance() {
        return instance;
    }

    private void launch(BooleanSupplier ready) {
        try {
            launchedAt = Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker log " + log, e);
        }
        process = launch(List.of("run"));
        try {
            awaitOrFail(() -> !process.isAlive() || loggedSinceStart(INITIALISATION_FAILED) || ready.getAsBoolean(),
                    STARTUP_DEADLINE, "start");
            if (!process.isAlive()) {
                throw new IllegalStateException("broker " + instance + " exited with " + process.exitValue()
                        + " during start; see " + log);
            }
            if (loggedSinceStart(INITIALISATION_FAILED)) {
                throw new IllegalStateException("broker " + instance + " failed to initialise (" + INITIALISATION_FAILED
                        + ", e.g. port " + port + " taken by another process between the check and the bind); see "
                        + log);
            }
        } catch (RuntimeException e) {
            endFailedStart();
            throw e;
        }
    }

    /**
     * Client URL of this broker: confirmed asynchronous sends ({@code confirmationWindowSize}) and
     * bounded reconnection (about 15 s of attempts, and blocking calls give up after 30 s), so a test
     * can restart the broker under a connected client but never hangs on a broker that stays down.
     */
    public String url() {
        return "tcp://" + HOST + ":" + port + "?confirmationWindowSize=1048576"
                + "&reconnectAttempts=20&retryInterval=100&retryIntervalMultiplier=2.0&maxRetryInterval=1000"
                + "&callTimeout=30000&callFailoverTimeout=30000";
    }

    /**
     * Gives the broker a heap of {@code mebibytes} MiB instead of the {@value #HEAP_MIB} MiB every instance is created
     * with (its global message memory is half of it). Only while the broker is not running: the next {@link #start}
     * applies it.
     */
    public synchronized ArtemisProcess heap(int mebibytes) {
        checkStopped();
        if (mebibytes < 64) {
            throw new IllegalArgumentException("heap " + mebibytes + " MiB: at least 64 MiB");
        }
        Path profile = instance.resolve("etc/artemis.profile");
        try {
            String text = Files.readString(profile);
            String resized = text.replace("-Xms" + HEAP_MIB + "M -Xmx" + HEAP_MIB + "M",
                    "-Xms" + mebibytes + "M -Xmx" + mebibytes + "M");
            if (resized.equals(text)) {
                throw new IllegalStateException("no -Xmx" + HEAP_MIB + "M in " + profile + " to change");
            }
            Files.writeString(profile, resized);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit " + profile, e);
        }
        return this;
    }

    /**
     * Limits the addresses matching {@code match} (Artemis wildcards) to {@code maxBytes} of messages in
     * memory, beyond which the broker applies {@code policy} ({@code BLOCK}, {@code PAGE}, {@code FAIL}
     * or {@code DROP}). Only while the broker is not running: the next {@link #start} applies it.
     */
    public synchronized ArtemisProcess limitAddress(String match, long maxBytes, String policy) {
        checkStopped();
        try {
            new BrokerXml(instance.resolve("etc/broker.xml")).limitAddress(match, maxBytes, policy);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot edit the broker.xml of " + instance, e);
        }
        return this;
    }

    /**
     * Adds a login {@code user} / {@code password} whose role {@code role} has only {@code permissions}
     * (Artemis permission types such as {@code consume}, {@code send}) on every address. Only while
     * the broker is not running.
     */
    public synchronized ArtemisProcess addUser(String user, String password, String role, List<String> permissions) {
        checkStopped();
        PASSWORDS.add(password);
        if (!user.matches("[A-Za-z0-9_-]{1,50}") || !password.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new IllegalArgumentException("user '" + user + "' or its password is not allowed: use A-Z a-z 0-9 _ -");
        }
        try {
            new BrokerXml(instance.resolve("etc/broker.xml")).grant(role, permissions);
            Files.writeString(instance.resolve("etc/artemis-users.properties"), "\n" + user + " = " + password + "\n",
                    StandardOpenOption.APPEND);
            Files.writeString(instance.resolve("etc/artemis-roles.properties"), "\n" + role + " = " + user + "\n",
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add user " + user + " to " + instance, e);
        }
        return this;
    }

    /** The page files the broker has written so far for {@code address} (paging mode), 0 if none. */
    public long pageFiles(String address) {
        Path paging = instance.resolve("data/paging");
        if (!Files.isDirectory(paging)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(paging)) {
            List<Path> pages = files.filter(f -> f.getFileName().toString().endsWith(".page")).toList();
            long count = 0;
            for (Path page : pages) {
                Path addressFile = page.getParent().resolve("address.txt");
                if (Files.exists(addressFile) && Files.readString(addressFile).strip().equals(address)) {
                    count++;
                }
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the paging directory " + paging, e);
        }
    }

    /** Every password given to a broker instance of this JVM so far, for tests that look for leaks. */
    public static Set<String> passwordsIssued() {
        return Set.copyOf(PASSWORDS);
    }

    /** The file the broker's output is appended to. */
    public Path log() {
        return log;
    }

    /** User name generated for this instance. */
    public String user() {
        return user;
    }

    /** Password generated for this instance. */
    public String password() {
        return password;
    }

    /** TCP port of the broker's acceptor. */
    public int port() {
        return port;
    }

    /** PID of the running broker JVM; fails when the broker is not running. */
    public synchronized long pid() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("broker " + instance + " is not running");
        }
        return process.pid();
    }

    /**
     * Kills the broker's JVM (and any process it started) with SIGKILL, as a crash would, and returns
     * once the process is gone and the port is free. Nothing is flushed; only what the broker had
     * synced to its journal survives. Does nothing when the broker is not running.
     */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        awaitExit(sigkill());
        process = null;
    }

    /**
     * Stops the broker gracefully (SIGTERM, the broker's shutdown hook closes the journal), killing
     * it if it is still alive after {@link #SHUTDOWN_DEADLINE}. Safe to call more than once.
     */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(SHUTDOWN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still alive: kill() below ends it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kill();
    }

    /** Sends SIGKILL to the broker's JVM and every process it started; returns their handles. */
    private List<ProcessHandle> sigkill() {
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> doomed = new ArrayList<>(handle.descendants().toList());
        doomed.add(handle);
        doomed.forEach(ProcessHandle::destroyForcibly);
        return doomed;
    }

    /** Kills what a failed start left running, without waiting for the port (another process may hold it). */
    private void endFailedStart() {
        sigkill();
        try {
            process.onExit().get(SHUTDOWN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IllegalStateException("broker " + instance + " PID " + process.pid() + " survived SIGKILL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void checkStopped() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker " + instance + " is running as PID " + process.pid()
                    + ": change its configuration only while it is stopped");
        }
    }

    private void createInstance() throws IOException {
        List<String> arguments = new ArrayList<>(List.of("create", instance.toString(), "--silent",
                "--user", user, "--password", password, anonymous ? "--allow-anonymous" : "--require-login", "--no-web",
                "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor",
                "--host", HOST, "--default-port", Integer.toString(port),
                "--java-memory", HEAP_MIB + "M"));
        if (!autotuned) {
            arguments.addAll(List.of("--nio", "--no-autotune"));
        }
        Process creation = launchDistribution(arguments);
        try {
            if (!creation.waitFor(STARTUP_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
                creation.destroyForcibly();
                throw new IllegalStateException("artemis create did not finish within " + STARTUP_DEADLINE + "; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            creation.destroyForcibly();
            throw new IllegalStateException("interrupted while creating broker instance " + instance, e);
        }
        if (creation.exitValue() != 0) {
            throw new IllegalStateException("artemis create exited with " + creation.exitValue() + "; see " + log);
        }
        new BrokerXml(instance.resolve("etc/broker.xml")).adaptForTests(port);
    }

    private Process launchDistribution(List<String> arguments) throws IOException {
        String home = System.getProperty("artemis.home");
        if (home == null || !Files.isRegularFile(Paths.get(home, "bin", "artemis"))) {
            throw new IllegalStateException("system property artemis.home is '" + home
                    + "'; it must name an unpacked Artemis distribution (the build sets it for failsafe)");
        }
        return startProcess(Paths.get(home, "bin", "artemis"), arguments);
    }

    private Process launch(List<String> arguments) {
        try {
            return startProcess(instance.resolve("bin/artemis"), arguments);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start broker " + instance, e);
        }
    }

    /** Runs an artemis script with bash (the script execs java, so the process is the broker JVM). */
    private Process startProcess(Path script, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()))
                .redirectInput(Redirect.from(Paths.get("/dev/null").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        StringBuilder properties = new StringBuilder();
        systemProperties.forEach((k, v) -> properties.append(" -D").append(k).append('=').append(v));
        builder.environment().put("JAVA_ARGS_APPEND", properties.toString().strip());
        return builder.start();
    }

    private void awaitExit(List<ProcessHandle> handles) {
        awaitOrFail(() -> handles.stream().noneMatch(ProcessHandle::isAlive) && !accepting(),
                SHUTDOWN_DEADLINE, "stop");
    }

    private void awaitOrFail(BooleanSupplier condition, Duration deadline, String what) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new IllegalStateException("broker " + instance + " did not " + what + " within "
                        + deadline + " (port " + port + "); see " + log);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for broker " + instance + " to " + what, e);
            }
        }
    }

    /** A random secret of URL-safe characters, remembered for {@link #passwordsIssued()}. */
    static String randomSecret() {
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(24));
        PASSWORDS.add(secret);
        return secret;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
