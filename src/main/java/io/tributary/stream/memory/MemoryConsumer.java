package io.tributary.stream.memory;

import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.support.BatchCollector;
import io.tributary.stream.support.OpenBatch;
import io.tributary.stream.support.Settlement;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A consumer of a {@link MemoryQueue}: a batch is held by this consumer until its last message is
 * settled, then committed in one step (acks dropped, nacks scheduled or dead-lettered). Batches are
 * collected by {@link BatchCollector} (fixed or adaptive, per {@link ConsumerOptions#linger()}). Closing returns
 * unsettled messages to the head of the queue. {@code receive}/{@code close} from one thread;
 * {@code ack}/{@code nack} from any.
 */
final class MemoryConsumer implements io.tributary.stream.Consumer {

    private final MemoryQueue queue;
    private final MemoryQueue deadLetters;
    private final ConsumerOptions options;
    private final Consumer<MemoryConsumer> onClose;
    private final OpenBatch batch;
    private volatile boolean closed;

    MemoryConsumer(MemoryQueue queue, MemoryQueue deadLetters, ConsumerOptions options,
                   Consumer<MemoryConsumer> onClose) {
        this.queue = queue;
        this.deadLetters = deadLetters;
        this.options = options;
        this.onClose = onClose;
        this.batch = new OpenBatch(queue.name());
    }

    @Override
    public String stream() {
        return queue.name();
    }

    @Override
    public List<Message> receive(int max, Duration wait) throws InterruptedException {
        ConsumerOptions.checkReceive(max, wait);
        if (closed) {
            throw new StreamClosedException("consumer of stream '" + queue.name() + "' is closed");
        }
        batch.checkSettled();
        List<Message> messages = BatchCollector.collect((n, deadline) -> queue.take(this, n, deadline), max, wait,
                options.linger());
        batch.begin(messages);
        return messages;
    }

    @Override
    public List<Message> receive() throws InterruptedException {
        return receive(options.batchSize(), options.receiveWait());
    }

    @Override
    public void ack(Message message) {
        commitIfDone(batch.settle(message, true, null));
    }

    @Override
    public void nack(Message message, String reason) {
        commitIfDone(batch.settle(message, false, reason));
    }

    @Override
    public long backlog() {
        return queue.backlog();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            commitIfDone(batch.release());
            onClose.accept(this);
        }
    }

    private void commitIfDone(List<Settlement> settlements) {
        if (!settlements.isEmpty()) {
            queue.commit(this, settlements, options.redelivery(), deadLetters);
        }
    }
}
