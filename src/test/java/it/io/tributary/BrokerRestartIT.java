package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.cdi.TributaryRuntime;
import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.Streams;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Health and reconnection on Liberty: while the application's embedded broker is stopped,
 * {@code /health/ready} is DOWN and names the stream in use, {@code /health/live} stays UP; after the
 * broker restarts on the same journal readiness is UP again, and the producer and consumer opened before
 * the outage go on: every message sent before the stop and after the restart is received, in order,
 * duplicates only from redelivery (at least once).
 */
@ExtendWith(ArquillianExtension.class)
class BrokerRestartIT {

    /** Unique per run: the server's journal (and its duplicate-detection ids) outlive a test run. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final String STREAM = "it-restart-" + RUN;
    private static final int EACH_SIDE = 20;
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(BrokerRestartIT.class, HttpProbe.class);
    }

    @Inject
    TributaryRuntime runtime;

    @Inject
    Streams streams;

    @Test
    void readinessFollowsTheBrokerAndTheStreamResumesWithNothingLost() throws Exception {
        List<String> sent = new ArrayList<>();
        try (Producer producer = streams.producer(STREAM); Consumer consumer = streams.consumer(STREAM)) {
            for (int i = 0; i < EACH_SIDE; i++) {
                sent.add(sendConfirmed(producer, "before-" + i));
            }
            HttpProbe.await("/health/ready", 200, b -> b.contains("stream." + STREAM), DEADLINE);

            EmbeddedArtemis broker = runtime.embeddedBroker().orElseThrow();
            broker.stop();
            String down = HttpProbe.await("/health/ready", 503, b -> b.contains("stream." + STREAM), DEADLINE);
            assertTrue(down.contains("\"DOWN\"") && down.contains("broker connection"), down);
            assertEquals(200, HttpProbe.get("/health/live").statusCode(), "an outage is not a liveness failure");

            broker.start();
            String up = HttpProbe.await("/health/ready", 200, b -> b.contains("stream." + STREAM), DEADLINE);
            assertTrue(up.contains("CONNECTED"), up);
            for (int i = 0; i < EACH_SIDE; i++) {
                sent.add(sendConfirmed(producer, "after-" + i));
            }
            List<String> received = receiveAll(consumer, sent.size());
            assertEquals(sent, new ArrayList<>(new LinkedHashSet<>(received)), "received, in order, without repeats");
            assertTrue(received.size() - sent.size() <= EACH_SIDE,
                    (received.size() - sent.size()) + " duplicates: more than the messages waiting during the outage");
        }
    }

    /** Sends until the broker confirms; a send caught by the outage is resent (same id: routed once). */
    private static String sendConfirmed(Producer producer, String text) throws InterruptedException {
        Message m = Message.builder().id("restart-" + RUN + "-" + text).text(text).build();
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try {
                producer.send(m).toCompletableFuture().get(10, TimeUnit.SECONDS);
                return text;
            } catch (RuntimeException | java.util.concurrent.ExecutionException
                    | java.util.concurrent.TimeoutException e) {
                assertTrue(System.nanoTime() < end, "message " + text + " never confirmed: " + e);
            }
        }
    }

    private static List<String> receiveAll(Consumer consumer, int distinct) throws InterruptedException {
        List<String> received = new ArrayList<>();
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (new LinkedHashSet<>(received).size() < distinct) {
            assertTrue(System.nanoTime() < end, "received only " + new LinkedHashSet<>(received));
            try {
                List<Message> batch = consumer.receive(50, Duration.ofMillis(500));
                batch.forEach(m -> received.add(m.text()));
                batch.forEach(consumer::ack);
            } catch (RuntimeException e) {
                // a batch whose commit failed is delivered again: its messages count as duplicates
            }
        }
        return received;
    }
}
