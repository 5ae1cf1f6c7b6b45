package it.io.tributary;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The application side of {@link ConnectorIT}'s max-in-flight test: each message ({@code key:n}) is handed
 * to a worker thread, which records it and acks it; the first message of key {@code a} is held until a
 * message of another key has started, which only happens if the channel hands out more than one at once.
 */
@ApplicationScoped
public class ConnectorWork {

    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final Map<String, List<Integer>> perKey = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final CountDownLatch otherKeyStarted = new CountDownLatch(1);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private volatile boolean heldFirstUntilOtherKeyStarted;

    @Incoming("work-in")
    public CompletionStage<Void> work(Message<String> message) {
        String[] kn = message.getPayload().split(":");
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        workers.execute(() -> {
            try {
                if (!kn[0].equals("a")) {
                    otherKeyStarted.countDown();
                } else if (kn[1].equals("0")) {
                    heldFirstUntilOtherKeyStarted = otherKeyStarted.await(20, TimeUnit.SECONDS);
                }
                perKey.computeIfAbsent(kn[0], k -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(kn[1]));
                events.add(message.getPayload());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
                message.ack();
            }
        });
        return CompletableFuture.completedFuture(null);
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    /** The numbers processed per key, in processing order. */
    public Map<String, List<Integer>> perKey() {
        return Map.copyOf(perKey);
    }

    /** How many messages were processed. */
    public int processed() {
        return events.size();
    }

    /** The most messages handed to the application and not yet acked at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** Whether a message of another key started while the first message of key a was being processed. */
    public boolean heldFirstUntilOtherKeyStarted() {
        return heldFirstUntilOtherKeyStarted;
    }
}
