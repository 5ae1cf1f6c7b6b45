package io.tributary.stream;

import java.time.Duration;
import java.util.List;

/**
 * Receives messages from one stream in transacted batches.
 *
 * <p><b>Batches and settlement.</b> {@link #receive} returns a batch of up to {@code max} messages.
 * Every message of a batch must be settled, by {@link #ack} (done) or {@link #nack} (failed), before
 * the next {@code receive}; the batch is committed, as one broker transaction, when its last message is
 * settled. Settling may happen from any thread and in any order.
 *
 * <p><b>Nack.</b> A nacked message alone is retried: it is enqueued again with its attempt count
 * incremented and a delay from the {@link RedeliveryPolicy} (exponential backoff), or, once its attempts
 * reach the policy's maximum, moved to the dead-letter stream ({@link Streams#deadLetterStream}) with
 * its key, tags and id plus the tags {@value #REASON_TAG} and {@value #ORIGIN_TAG}. The re-enqueue or
 * dead-letter happens in the same transaction as the batch commit: a crash in between loses nothing and
 * doubles nothing. Acked messages of the batch are never redelivered. A nacked message is delivered
 * again after the other messages waiting for it, so nack breaks the order of its key.
 *
 * <p><b>When is an ack durable?</b> When its batch commits: the settling call that completes the batch
 * returns after the commit. {@link #close()} with a batch open commits what was acked and nacked and
 * returns the unsettled messages to the stream (delivered again with a higher
 * {@link Message#deliveryAttempt()}; none of the acked ones is). If the process dies, or the commit
 * fails (the settling call then throws {@link StreamException}), the open batch as a whole is delivered
 * again, acked messages included: delivery is at least once, and a batch is the unit of redelivery.
 * After a failed commit, settling a message of that batch again (the {@code nack} in the {@code catch}
 * of a loop whose last {@code ack} threw) does nothing, so this loop survives a failover:
 * <pre>{@code
 * for (Message m : consumer.receive()) {
 *     try { handle(m); consumer.ack(m); }
 *     catch (Exception e) { consumer.nack(m, e.toString()); }  // a no-op if the ack's commit failed
 * }
 * }</pre>
 *
 * <p><b>In a JTA transaction.</b> In container-managed mode ({@code tributary.connection-factory}), a
 * receive on a thread that runs in a JTA transaction takes its batch in that transaction: acks and nacks
 * take effect when it commits, with its database work, and a rollback delivers the messages again with
 * attempt + 1; a batch left unsettled marks the transaction rollback-only (docs/container-managed.md). Other
 * implementations and modes ignore JTA transactions.
 *
 * <p><b>Rejected messages.</b> A message the transport cannot represent without Java deserialization
 * (a JMS {@code ObjectMessage}, {@code MapMessage} or {@code StreamMessage}) is never handed out: it is
 * dead-lettered with a reason by the consumer itself.
 *
 * <p><b>Ordering.</b> FIFO per stream for one consumer; per key across many consumers.
 *
 * <p><b>Thread safety.</b> {@code receive} and {@code close} belong to one thread; {@code ack},
 * {@code nack} and {@code backlog} may be called from any thread.
 */
public interface Consumer extends AutoCloseable {

    /** The tag a dead-lettered message carries with the reason it was dead-lettered. */
    String REASON_TAG = "dlq_reason";
    /** The tag a dead-lettered message carries with the stream it was dead-lettered from. */
    String ORIGIN_TAG = "dlq_origin";

    /** The stream this consumer receives from. */
    String stream();

    /**
     * Receives up to {@code max} messages, waiting at most {@code wait} for the first one, then, with
     * adaptive batching ({@link ConsumerOptions#linger()} positive), at most the linger for more.
     *
     * @param max 1 to {@link ConsumerOptions#MAX_BATCH_SIZE}
     * @return the batch, empty when nothing arrived in time
     * @throws IllegalArgumentException if {@code max} or {@code wait} is out of range
     * @throws IllegalStateException if the previous batch has unsettled messages
     * @throws StreamClosedException if the consumer is closed
     */
    List<Message> receive(int max, Duration wait) throws InterruptedException;

    /**
     * Receives with this consumer's configured batch size, wait and linger: with
     * {@link ConsumerOptions#withAdaptiveBatching adaptive batching} batches grow to the maximum while
     * messages are waiting and are handed out at most the linger after their first message.
     */
    List<Message> receive() throws InterruptedException;

    /**
     * Marks a message of the current batch done.
     *
     * @throws IllegalArgumentException if the message is not from this consumer's current batch
     * @throws IllegalStateException if it was already settled
     * @throws StreamException if this ack completed the batch and its commit failed (the batch is delivered
     *         again; settling its messages after that does nothing)
     */
    void ack(Message message);

    /**
     * Marks a message of the current batch failed, with a reason recorded on dead-lettering.
     *
     * @throws IllegalArgumentException if the message is not from the current batch or reason is blank
     * @throws IllegalStateException if it was already settled
     * @throws StreamException if this nack completed the batch and its commit failed (as for {@link #ack})
     */
    void nack(Message message, String reason);

    /**
     * Opens the scope of handling {@code message}, one of this consumer's unsettled messages, on the calling
     * thread: call it where the application's handler runs and close it when the handler returns
     * ({@code try (Handling h = consumer.handling(m)) { handler.accept(m); }}). A traced consumer makes the
     * message's {@code process} span current meanwhile; others attach nothing. Any thread; a message that
     * is settled or unknown gets {@link Handling#NONE}.
     */
    default Handling handling(Message message) {
        return Handling.NONE;
    }

    /** The number of messages waiting in the stream: not yet acknowledged, including scheduled retries. */
    long backlog();

    /**
     * Closes the consumer: commits the settled messages of an open batch and returns its unsettled ones
     * to the stream, to be delivered again. Idempotent.
     */
    @Override
    void close();
}
