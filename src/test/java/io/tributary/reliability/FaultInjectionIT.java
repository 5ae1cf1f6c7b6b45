package io.tributary.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.broker.Batch;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.BrokerProducer;
import io.tributary.broker.BufferConfig;
import io.tributary.broker.Eventer;
import io.tributary.broker.ProducerConfig;
import io.tributary.broker.jms.JmsBroker;
import io.tributary.eventstream.ExponentialBackoff;
import io.tributary.fanin.ConsumeOptions;
import io.tributary.fanin.Subscription;
import io.tributary.fanin.jms.JmsDestination;
import io.tributary.fanin.jms.JmsSource;
import io.tributary.fanin.memory.MemoryAggregator;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.RedeliveryPolicy;
import io.tributary.stream.Store;
import io.tributary.stream.StreamException;
import io.tributary.stream.StreamTimeoutException;
import io.tributary.stream.jms.ConnectionState;
import io.tributary.stream.jms.ConnectionSupervisor;
import io.tributary.stream.jms.JmsStreams;
import io.tributary.supervision.LoopHealth;
import io.tributary.supervision.Loops;
import io.tributary.testing.ArtemisProcess;
import io.tributary.testing.Deadlines;
import io.tributary.testing.FaultyBroker;
import io.tributary.testing.TcpProxy;
import io.tributary.work.Operation;
import io.tributary.work.WorkerPool;
import io.tributary.work.executor.ExecutorWorkerPool;
import io.tributary.work.pipeline.ConsumerPipeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fault injection: a real Artemis process behind a {@link TcpProxy} that the test cuts (every connection
 * closed), stalls (nothing forwarded: a black hole) and restores, and a broker killed with {@code kill -9}
 * and restarted. The client gives up reconnecting at once ({@code reconnectAttempts=0}), so every outage
 * ends the connection for good and Tributary's supervisor has to re-create it: the hardest case.
 * Asserts that each component recovers by itself, with nothing lost, and that every blocking call ends
 * within its bound.
 */
class FaultInjectionIT {

    private static final String BLOCKED = "fault.blocked";
    private static final long BLOCK_LIMIT = 1 << 20;
    private static final Duration OUTAGE_DEADLINE = Duration.ofSeconds(60);
    private static final Duration RUN_DEADLINE = Duration.ofMinutes(3);
    private static final String GIVE_UP = FaultyBroker.GIVE_UP;

    private static FaultyBroker faulty;
    private static ArtemisProcess broker;
    private static TcpProxy proxy;

    @BeforeAll
    static void start() {
        faulty = FaultyBroker.start("fault-injection", 62240, 62241, b -> b.limitAddress(BLOCKED, BLOCK_LIMIT, "BLOCK"));
        broker = faulty.broker();
        proxy = faulty.proxy();
    }

    @AfterAll
    static void stop() {
        if (faulty != null) {
            faulty.close();
        }
    }

    private static JmsStreams streams(String urlParameters, ProducerOptions producerOptions) {
        String url = faulty.proxiedUrl(urlParameters);
        ConnectionSupervisor supervisor = new ConnectionSupervisor(ArtemisConnections.connectionFactory(url,
                broker.user(), broker.password()), new ExponentialBackoff(Duration.ofMillis(50), Duration.ofSeconds(1)));
        return new JmsStreams(supervisor.connect(), producerOptions, ConsumerOptions.DEFAULTS.withBatchSize(20)
                .withReceiveWait(Duration.ofMillis(200)), Connect.DLQ_SUFFIX);
    }

    @Test
    void producerPipelineChannelAndStoreRecoverFromCutStallAndKillWithNothingLost() throws Exception {
        ProducerOptions producerOptions = ProducerOptions.DEFAULTS.withConfirmTimeout(Duration.ofSeconds(5))
                .withSendTimeout(Duration.ofSeconds(5)).withCloseTimeout(Duration.ofSeconds(2));
        Set<String> processed = ConcurrentHashMap.newKeySet();
        List<String> sent = new ArrayList<>();
        WorkerPool<Message, String> pool = ExecutorWorkerPool.<Message, String>builder("fault-pool")
                .retry(new RedeliveryPolicy(2, Duration.ZERO, 1.0, Duration.ZERO))
                .workers("recorder", 2, () -> (Operation<Message> op) -> {
                    processed.add(op.payload().id());
                    return "ok";
                }).build();
        pool.start();
        try (JmsStreams streams = streams(GIVE_UP, producerOptions);
                Producer producer = streams.producer("fault.pipeline");
                Store store = streams.store("fault.store")) {
            store.flush();
            ConsumerPipeline<String> pipeline = new ConsumerPipeline<>(streams.consumer("fault.pipeline"), pool, 10);
            Thread loop = new Thread(pipeline, "fault-pipeline");
            loop.start();
            try {
                int phase = 0;
                for (Map.Entry<String, Runnable> outage : faulty.outages().entrySet()) {
                    phase++;
                    sendConfirmed(producer, sent, "p" + phase + "-", 50);
                    addUntilStored(store, "before-" + phase);
                    outage.getValue().run();
                    Deadlines.await(() -> streams.connectionState() == ConnectionState.FAILED, OUTAGE_DEADLINE,
                            outage.getKey() + " ends the connection for good: " + streams.supervisor().describe());
                    faulty.restore();
                    Deadlines.await(() -> streams.connectionState() == ConnectionState.CONNECTED, OUTAGE_DEADLINE,
                            "the supervisor re-creates the connection after outage " + phase);
                    sendConfirmed(producer, sent, "q" + phase + "-", 50);
                    addUntilStored(store, "after-" + phase);
                }
                Deadlines.await(() -> processed.containsAll(sent), RUN_DEADLINE, "every sent message processed");
                Deadlines.await(() -> streams.backlog("fault.pipeline") == 0, RUN_DEADLINE, "the stream drained");
                List<String> stored = store.list().stream().map(Message::id).toList();
                for (int p = 1; p <= 3; p++) {
                    assertTrue(stored.contains("before-" + p) && stored.contains("after-" + p), "store lost: " + stored);
                }
            } finally {
                pipeline.stop();
                assertTrue(pipeline.awaitStopped(Duration.ofSeconds(30)), "the pipeline stops");
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(Duration.ofSeconds(30)), "the pool stops");
        }
        ReliabilitySummary.record("fault-injection", sent.size(), processed.size(), 0, 0,
                "cut, stall and kill -9 of the broker; the pipeline and the store recovered on a re-created connection");
    }

    @Test
    void aFanInSourceRecoversFromCutStallAndKillShowsItInReadinessAndLosesNothing() throws Exception {
        String queue = "fault.fanin";
        JmsDestination destination = JmsDestination.queue(queue);
        Set<String> received = ConcurrentHashMap.newKeySet();
        List<String> sent = new ArrayList<>();
        try (MemoryAggregator<String, Message> aggregator = new MemoryAggregator<>("fault");
                JmsStreams direct = new JmsStreams(ArtemisConnections.connectionFactory(broker.url(), broker.user(),
                        broker.password()), ProducerOptions.DEFAULTS, ConsumerOptions.DEFAULTS, Connect.DLQ_SUFFIX);
                Producer producer = direct.producer(queue)) {
            aggregator.addSource(queue, new JmsSource<>(ArtemisConnections.connectionFactory(faulty.proxiedUrl(GIVE_UP),
                    broker.user(), broker.password()), destination));
            Subscription<Message> subscription = aggregator.consume("fault", ConsumeOptions.DEFAULTS);
            Thread collector = new Thread(() -> collect(subscription, received), "fault-fanin-collector");
            collector.start();
            String source = "JMS source " + destination;
            int phase = 0;
            for (Map.Entry<String, Runnable> outage : faulty.outages().entrySet()) {
                phase++;
                sendConfirmed(producer, sent, "f" + phase + "-", 20);
                outage.getValue().run();
                try {
                    Deadlines.await(() -> loopState(source) == LoopHealth.State.RECOVERING, OUTAGE_DEADLINE,
                            "readiness shows the fan-in share recovering during the " + outage.getKey());
                } finally {
                    faulty.restore();
                }
                sendConfirmed(producer, sent, "g" + phase + "-", 20);
            }
            Deadlines.await(() -> received.containsAll(sent), RUN_DEADLINE, "every message reached the subscriber");
            Deadlines.await(() -> loopState(source) == LoopHealth.State.RUNNING, OUTAGE_DEADLINE, "the share runs again");
            subscription.close();
            collector.join(OUTAGE_DEADLINE.toMillis());
        }
    }

    private static LoopHealth.State loopState(String name) {
        return Loops.live().stream().filter(l -> l.name().equals(name)).map(LoopHealth::state).findFirst().orElse(null);
    }

    private static void collect(Subscription<Message> subscription, Set<String> received) {
        try {
            while (!subscription.isDone()) {
                subscription.poll(Duration.ofMillis(200)).ifPresent(m -> received.add(m.id()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSendCaughtByAStalledConnectionFailsWithinItsConfirmTimeout() throws Exception {
        ProducerOptions options = ProducerOptions.DEFAULTS.withConfirmTimeout(Duration.ofSeconds(2))
                .withCloseTimeout(Duration.ofSeconds(1));
        try (JmsStreams streams = streams("&callTimeout=3000&callFailoverTimeout=3000", options);
                Producer producer = streams.producer("fault.confirm")) {
            producer.send(Message.ofText("warm-up")).toCompletableFuture().get(30, TimeUnit.SECONDS);
            proxy.stall();
            try {
                CompletableFuture<Void> stuck = producer.send(Message.ofText("into the void")).toCompletableFuture();
                ExecutionException failed = assertThrows(ExecutionException.class,
                        () -> stuck.get(20, TimeUnit.SECONDS), "the stage completes, exceptionally");
                assertInstanceOf(StreamTimeoutException.class, failed.getCause(), failed.getCause().toString());
            } finally {
                proxy.restore();
            }
        }
    }

    @Test
    void closeReturnsWhileASendIsBlockedOnAFullAddress() throws Exception {
        ProducerOptions options = ProducerOptions.DEFAULTS.withMaxInFlight(50).withCloseTimeout(Duration.ofSeconds(1));
        try (JmsStreams streams = streams("", options);
                AddressState address = new AddressState(ArtemisConnections.connectionFactory(broker.url(),
                        broker.user(), broker.password()), BLOCKED)) {
            Producer producer = streams.producer(BLOCKED);
            Thread sender = new Thread(() -> fill(producer), "fault-blocked-sender");
            sender.start();
            Deadlines.await(() -> full(address) && blockedByFlowControl(sender), OUTAGE_DEADLINE,
                    "the sender blocks in the broker's flow control on the full address");
            CompletableFuture<Void> closing = CompletableFuture.runAsync(producer::close);
            closing.get(30, TimeUnit.SECONDS);
            sender.join(TimeUnit.SECONDS.toMillis(30));
            assertTrue(!sender.isAlive(), "the blocked send ended when the producer closed");
        }
        try (JmsStreams streams = streams("", ProducerOptions.DEFAULTS)) {
            try (Store drain = streams.store(BLOCKED)) {
                assertTrue(drain.flush() > 0, "the address was full");
            }
        }
    }

    @Test
    void ackNoticesWrittenWhileAnInstanceIsCutOffReachItsProducerAfterwards() throws Exception {
        BrokerConfig config = new BrokerConfig("jms", "fault.broker", new BufferConfig(100, 10));
        String url = faulty.proxiedUrl(GIVE_UP);
        AtomicInteger acked = new AtomicInteger();
        try (JmsBroker cutOff = new JmsBroker(ArtemisConnections.connectionFactory(url, broker.user(), broker.password()),
                        config, Eventer.NONE);
                JmsBroker direct = new JmsBroker(ArtemisConnections.connectionFactory(broker.url(), broker.user(),
                        broker.password()), config, Eventer.NONE)) {
            BrokerProducer<Message> producer = cutOff.producer(ProducerConfig.<Message>none().withOnAck(acked::addAndGet));
            for (int i = 0; i < 5; i++) {
                producer.publish(Message.ofText("e" + i));
            }
            proxy.cut();
            try {
                try (BrokerConsumer<Message> consumer = direct.consumer()) {
                    int got = 0;
                    long end = System.nanoTime() + OUTAGE_DEADLINE.toNanos();
                    while (got < 5) {
                        assertTrue(System.nanoTime() < end, "got " + got + " of 5");
                        Batch<Message> batch = consumer.get(0, Duration.ofMillis(200));
                        got += batch.size();
                        batch.ack();
                    }
                }
                assertEquals(0, acked.get(), "the publishing instance is cut off, it cannot have heard the acks yet");
            } finally {
                proxy.restore();
            }
            Deadlines.await(() -> acked.get() == 5, OUTAGE_DEADLINE,
                    "the acks written while the publishing instance was cut off reach its producer");
        }
    }

    private static void fill(Producer producer) {
        byte[] body = new byte[10 * 1024];
        try {
            for (int i = 0; i < 10_000; i++) {
                producer.send(Message.builder().value(body).build());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the producer closed under the blocked send: what this test waits for
        }
    }

    /** Whether {@code sender} is parked inside the Artemis client, waiting for producer credits. */
    private static boolean blockedByFlowControl(Thread sender) {
        Thread.State state = sender.getState();
        return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                && Arrays.stream(sender.getStackTrace()).anyMatch(f -> f.getClassName().contains("ProducerCredits"));
    }

    private static boolean full(AddressState address) {
        try {
            return address.size() >= BLOCK_LIMIT;
        } catch (Exception e) {
            throw new AssertionError("cannot read the size of " + BLOCKED, e);
        }
    }

    /** Sends {@code count} messages, each until the broker confirmed it, and records their ids. */
    private static void sendConfirmed(Producer producer, List<String> sent, String prefix, int count)
            throws InterruptedException {
        for (int i = 0; i < count; i++) {
            Message m = Message.builder().id(prefix + i).text(prefix + i).build();
            FaultyBroker.sendConfirmed(producer, m, OUTAGE_DEADLINE);
            sent.add(m.id());
        }
    }

    /** Adds to the store until it succeeded, retrying while the connection is being re-created. */
    private static void addUntilStored(Store store, String id) throws InterruptedException {
        long end = System.nanoTime() + OUTAGE_DEADLINE.toNanos();
        while (true) {
            try {
                store.add(Message.builder().id(id).text(id).build());
                return;
            } catch (StreamException e) {
                assertTrue(System.nanoTime() < end, "store never took " + id + ": " + e);
                Thread.sleep(50);
            }
        }
    }
}
