package io.tributary.bench;

import io.tributary.stream.GroupCommit;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.jms.JmsStreams;
import java.time.Duration;

/**
 * Tributary's producer with {@link GroupCommit group commit} ({@value #MAX_MESSAGES} messages per transaction at
 * most, no linger), {@code maxInFlight} {@value Bench#WINDOW} per sending thread (as many as raw JMS has in flight
 * with a connection per thread): {@code produce-group-commit-1t} sends from one thread,
 * {@code produce-group-commit-8t} from {@value RawParallelSend#THREADS} threads sharing the producer;
 * measured until {@link Producer#flush} returned (every send committed). Compared with raw JMS confirmed sends
 * from as many threads.
 */
final class TributaryGroupCommitSend extends NamedScenario {

    /** Messages per transaction at most. */
    static final int MAX_MESSAGES = 500;

    private final int threads;

    TributaryGroupCommitSend(int threads) {
        super("tributary", "produce-group-commit-" + threads + "t",
                threads == 1 ? "produce-confirmed" : "produce-confirmed-" + threads + "t");
        this.threads = threads;
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        byte[] body = Bench.body();
        ProducerOptions options = ProducerOptions.DEFAULTS.withMaxInFlight(Bench.WINDOW * threads)
                .withGroupCommit(new GroupCommit(MAX_MESSAGES, Duration.ZERO));
        String queue = bench.freshQueue();
        return bench.costed(bench.count(), () -> {
            try (JmsStreams streams = bench.streams(); Producer p = streams.producer(queue, options)) {
                return Parallel.rate(threads, bench.count(), n -> {
                    for (int i = 0; i < n; i++) {
                        p.send(Message.of(body));
                    }
                    p.flush(Duration.ofSeconds(60));
                });
            }
        });
    }
}
