package io.tributary.reliability;

import io.tributary.testing.TestPorts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.eventstream.jms.JmsEventStream;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.StreamException;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.testing.ArtemisProcess;
import jakarta.jms.JMSSecurityException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.FileHandler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Scenario 6 (security): a wrong password is refused at once with a clear security error; a user
 * without {@code send} permission gets a {@link StreamException} naming the stream from the failed
 * confirmation of its asynchronous send, within a deadline, never a hang; a user without {@code manage}
 * cannot open an event stream and is told which management operation the broker refused and why; and no
 * password appears in {@code liberty/}, {@code k8s/}, {@code src/main} or the logs the reliability
 * brokers and clients write.
 */
class SecurityIT {

    private static final int PORT = TestPorts.shifted(61769);
    private static final int NO_SEND_PORT = TestPorts.shifted(62202);
    private static final int NO_MANAGE_PORT = TestPorts.shifted(62207);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @Test
    void aWrongPasswordIsRefusedClearlyAndQuickly() {
        try (ArtemisProcess broker = ArtemisProcess.create("reliability-security", PORT).start()) {
            long started = System.nanoTime();
            StreamException refused = assertTimeoutPreemptively(DEADLINE, () -> assertThrows(
                    StreamException.class, () -> new JmsStreams(ArtemisConnections.connectionFactory(broker.url(),
                            broker.user(), "wrong-" + broker.password()), ProducerOptions.DEFAULTS,
                            ConsumerOptions.DEFAULTS, Connect.DLQ_SUFFIX).close()));
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            Throwable cause = securityCause(refused);
            String error = String.valueOf(refused.getMessage()) + " / " + (cause == null ? "no JMSSecurityException" : cause.getMessage());
            ReliabilitySummary.record("security-wrong-password", 0, 0, 0, 0,
                    "refused in " + millis + " ms: " + error);
            assertTrue(cause != null, "no JMSSecurityException in the cause chain of " + refused);
            assertTrue(!error.contains(broker.password()), "the error message shows the password");
        }
    }

    @Test
    void aUserWithoutManageCannotOpenAnEventStreamAndIsToldWhichOperationTheBrokerRefused() {
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(18));
        try (ArtemisProcess broker = ArtemisProcess.create("reliability-no-manage", NO_MANAGE_PORT)
                .addUser("appender", password, "appender", List.of("send", "consume", "browse", "createAddress",
                        "createDurableQueue", "createNonDurableQueue", "deleteNonDurableQueue"))
                .start()) {
            StreamException refused = assertTimeoutPreemptively(DEADLINE, () -> assertThrows(StreamException.class,
                    () -> new JmsEventStream(ArtemisConnections.connectionFactory(broker.url(), "appender", password),
                            new StreamIdentity("reliability", "no-manage"), Set.of("placed"), Retention.ofCount(10))
                            .close()));
            assertTrue(refused.getMessage().contains("could not declare event stream queue "
                    + "tributary.events.reliability.no-manage.intake (this needs the 'manage' permission on the broker)")
                    && refused.getMessage().contains("management operation broker.createQueue ")
                    && refused.getMessage().contains("User: appender does not have permission='MANAGE'"),
                    refused.getMessage());
            assertTrue(!refused.getMessage().contains(password), "the error message shows the password");
        }
    }

    @Test
    void aUserWithoutSendGetsASecurityErrorNamingTheStreamAndNoPasswordLeaks() throws Exception {
        String stream = "reliability.no-send";
        String readerPassword = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new SecureRandom().generateSeed(18));
        Path clientLog = Paths.get("target/reliability/security-client.log");
        clientLog.toAbsolutePath().getParent().toFile().mkdirs();
        FileHandler capture = new FileHandler(clientLog.toString());
        capture.setFormatter(new SimpleFormatter());
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try (ArtemisProcess broker = ArtemisProcess.create("reliability-no-send", NO_SEND_PORT)
                .addUser("reader", readerPassword, "reader",
                        List.of("consume", "browse", "createAddress", "createDurableQueue", "createNonDurableQueue"))
                .start();
             JmsStreams streams = new JmsStreams(ArtemisConnections.connectionFactory(broker.url(), "reader",
                     readerPassword), ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, Connect.DLQ_SUFFIX);
             Producer producer = streams.producer(stream)) {
            long started = System.nanoTime();
            CompletionStage<Void> single = producer.send(Message.ofText("not allowed"));
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> single.toCompletableFuture().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            CompletionStage<Void> batch = producer.sendAll(List.of(Message.ofText("a"), Message.ofText("b")));
            ExecutionException batchRefused = assertThrows(ExecutionException.class,
                    () -> batch.toCompletableFuture().get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
            long backlog;
            try (JmsStreams admin = Connect.streams(broker, ConsumerOptions.DEFAULTS)) {
                backlog = admin.backlog(stream);
            }
            ReliabilitySummary.record("security-no-send-permission", 3, backlog, 0, 0, "send refused in " + millis
                    + " ms: " + refused.getCause().getMessage() + " | sendAll: " + batchRefused.getCause().getMessage()
                    + " | routed: " + backlog);
            for (ExecutionException e : List.of(refused, batchRefused)) {
                StreamException error = assertInstanceOf(StreamException.class, e.getCause());
                assertTrue(error.getMessage().contains("'" + stream + "'"), "does not name the stream: " + error);
                assertTrue(securityCause(error) != null || error.getMessage().contains("AMQ229032"),
                        "not a security error: " + error);
            }
            assertEquals(0, backlog, "a refused message was routed");
        } finally {
            root.removeHandler(capture);
            capture.close();
        }
        List<Path> scanned = new ArrayList<>(List.of(Paths.get("liberty"), Paths.get("k8s"), Paths.get("src/main"),
                clientLog, Paths.get("target/reliability")));
        try (Stream<Path> brokerLogs = Files.list(Paths.get(System.getProperty("it.work.dir", "target/it"), "artemis"))) {
            brokerLogs.filter(p -> p.getFileName().toString().endsWith(".log")).forEach(scanned::add);
        }
        Set<String> secrets = ArtemisProcess.passwordsIssued();
        Path planted = Files.createTempFile("planted", ".log");
        Files.writeString(planted, "user=x\nconnect " + readerPassword + "\npassword = hunter22\n");
        assertEquals(2, CredentialScan.leaks(List.of(planted), secrets).size(), "the scan misses planted credentials");
        Files.delete(planted);
        List<String> leaks = CredentialScan.leaks(scanned, secrets);
        ReliabilitySummary.record("security-credential-scan", 0, 0, 0, 0, leaks.size() + " leaks of "
                + secrets.size() + " test passwords or any literal password value in liberty/, k8s/, src/main/,"
                + " target/reliability/ and " + (scanned.size() - 5) + " broker logs");
        assertEquals(List.of(), leaks, "credentials found");
    }

    private static Throwable securityCause(Throwable e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof JMSSecurityException)) {
            cause = cause.getCause();
        }
        return cause;
    }
}
