package io.tributary.stream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * Sends messages to one stream.
 *
 * <p><b>Durability.</b> The stage returned by {@link #send} completes normally only once the broker has
 * durably accepted the message (for Artemis: a JMS 2 asynchronous send confirmed by the broker, with
 * {@code confirmationWindowSize} set). It completes exceptionally with a {@link StreamException} when
 * the broker refused it or the producer closed before confirmation; the message may then have been
 * routed or not, and sending it again is safe: every message carries its {@link Message#id()} as a
 * duplicate-detection id ({@code _AMQ_DUPL_ID}), so a resent message is never routed twice. With
 * {@link GroupCommit group commit} the stage completes when the broker transaction holding the message
 * committed, which is the same durability.
 *
 * <p><b>In a JTA transaction.</b> In container-managed mode, a send on a thread that runs in a JTA
 * transaction belongs to it: routed when it commits, never if it rolls back; the returned stage is already
 * complete (docs/container-managed.md).
 *
 * <p><b>Back-pressure.</b> At most {@link ProducerOptions#maxInFlight()} messages are unconfirmed at
 * once. {@link #send} waits for a free slot for at most {@link ProducerOptions#sendTimeout()};
 * {@link #trySend} never waits.
 *
 * <p><b>Ordering.</b> Messages sent from one thread are routed in send order; with {@link GroupCommit group
 * commit} and more than one committer, that holds for the messages of one key (from any thread) and for the
 * unkeyed messages of one thread, while messages of different keys may be routed in another order. The key
 * becomes the {@code JMSXGroupID}: messages with one key are delivered in order even to many consumers.
 *
 * <p><b>Thread safety.</b> A producer is safe for use by many threads.
 */
public interface Producer extends AutoCloseable {

    /** The stream this producer sends to. */
    String stream();

    /**
     * Sends a message, waiting for a free in-flight slot.
     *
     * @return a stage completed when the broker durably accepted the message
     * @throws IllegalArgumentException if the message is larger than allowed
     * @throws StreamTimeoutException if no slot freed within the send timeout; the message was not sent
     * @throws StreamClosedException if the producer is closed
     * @throws InterruptedException if interrupted while waiting; the message was not sent
     */
    CompletionStage<Void> send(Message message) throws InterruptedException;

    /**
     * Sends a message if an in-flight slot is free now.
     *
     * @return the confirmation stage, or empty when the window is full (the message was not sent)
     */
    Optional<CompletionStage<Void>> trySend(Message message);

    /**
     * Sends messages as one atomic unit (a transacted send): all are routed or none is.
     *
     * @return a stage completed when the broker durably accepted all of them
     */
    CompletionStage<Void> sendAll(List<Message> messages) throws InterruptedException;

    /**
     * Waits until every message sent so far is confirmed or failed.
     *
     * @throws TimeoutException if some are still unconfirmed after {@code timeout}
     */
    void flush(Duration timeout) throws InterruptedException, TimeoutException;

    /**
     * Refuses new sends, waits for in-flight messages for at most {@link ProducerOptions#closeTimeout()},
     * fails the stages of those still unconfirmed with {@link StreamClosedException}, and releases the
     * connection. Idempotent.
     */
    @Override
    void close();
}
