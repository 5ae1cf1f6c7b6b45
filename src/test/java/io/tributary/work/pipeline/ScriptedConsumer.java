package io.tributary.work.pipeline;

import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.support.OpenBatch;
import io.tributary.stream.support.Settlement;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A consumer over messages the test hands it, with the contract's batch rules (every message settled
 * before the next receive) and a record of every settlement, for pipeline tests that must look at each
 * ack and nack directly.
 */
final class ScriptedConsumer implements Consumer {

    private final LinkedBlockingQueue<Message> waiting = new LinkedBlockingQueue<>();
    private final OpenBatch batch = new OpenBatch("scripted");
    private final int batchSize;
    final List<Settlement> settlements = new CopyOnWriteArrayList<>();
    volatile boolean closed;

    ScriptedConsumer(int batchSize) {
        this.batchSize = batchSize;
    }

    void add(List<Message> messages) {
        waiting.addAll(messages);
    }

    @Override
    public String stream() {
        return "scripted";
    }

    @Override
    public List<Message> receive(int max, Duration wait) throws InterruptedException {
        ConsumerOptions.checkReceive(max, wait);
        if (closed) {
            throw new StreamClosedException("scripted consumer is closed");
        }
        batch.checkSettled();
        List<Message> out = new ArrayList<>();
        Message first = waiting.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (first != null) {
            out.add(first);
            waiting.drainTo(out, max - 1);
        }
        batch.begin(out);
        return out;
    }

    @Override
    public List<Message> receive() throws InterruptedException {
        return receive(batchSize, Duration.ofMillis(20));
    }

    @Override
    public void ack(Message message) {
        settlements.addAll(batch.settle(message, true, null));
    }

    @Override
    public void nack(Message message, String reason) {
        settlements.addAll(batch.settle(message, false, reason));
    }

    @Override
    public long backlog() {
        return waiting.size();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            settlements.addAll(batch.release());
        }
    }
}
