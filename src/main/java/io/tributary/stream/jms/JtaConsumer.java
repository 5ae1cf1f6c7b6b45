package io.tributary.stream.jms;

import io.tributary.connection.JtaEnlistment;
import io.tributary.connection.TransactionBound;
import io.tributary.stream.Consumer;
import io.tributary.stream.ConsumerOptions;
import io.tributary.stream.Message;
import io.tributary.stream.StreamClosedException;
import io.tributary.stream.StreamException;
import io.tributary.stream.support.BatchCollector;
import io.tributary.stream.support.OpenBatch;
import io.tributary.stream.support.Settlement;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A {@link Consumer} of a stream that works in the caller's JTA transaction when there is one, and as an
 * ordinary consumer (transacted batches) when there is none.
 *
 * <p><b>In a JTA transaction</b> ({@code @Transactional}, a container-managed EJB transaction,
 * {@code UserTransaction}), {@link #receive} takes its batch on the JMS session the server enlisted in
 * that transaction ({@link JtaEnlistment#session()}), so the transaction decides the batch's fate:
 * <ul>
 * <li>{@link #ack} marks a message done: it is consumed when the transaction commits, together with the
 * database work and the sends made in the transaction (two-phase commit), and not before.</li>
 * <li>{@link #nack} marks it failed: its retry (attempt + 1, the policy's backoff, through the retry
 * queue) or, past the maximum, its dead letter is sent in the transaction, and commits with it. The
 * transaction itself is not rolled back by a nack: the handler decided, and its other work stands.</li>
 * <li>A rollback (the handler threw, {@code setRollbackOnly}, a failed prepare) undoes the acks, the nacks
 * and the sends: the broker delivers the messages again with attempt + 1. That redelivery waits out the
 * policy's delay for the attempt that rolled back (the next receive in a transaction defers it to the
 * retry queue, in its own transaction), and past the maximum it is dead-lettered at receive, exactly as
 * a nack of that attempt would have done.</li>
 * <li>A batch with unsettled messages when the transaction commits marks it rollback-only: nothing is
 * consumed without a decision, and everything of the transaction is delivered or done again.</li>
 * </ul>
 * Each transaction has its own batch; receiving again in the same transaction needs the previous batch
 * settled. Due retries of the stream move to its tail at each such receive, in the transaction. The
 * session's JMS consumer lives as long as the transaction (messages its client buffered and did not hand
 * out go back to the queue when it closes).
 *
 * <p><b>Outside a transaction</b> every call goes to an ordinary consumer of the stream, opened at the
 * first such call (so a consumer used only in transactions holds no session, and no client buffer keeps
 * messages away from the transactions); its contract is {@link Consumer}'s. Messages of its batches are
 * settled there, those of a transaction's batch in the transaction. Do not use one consumer both ways at
 * once: what the ordinary consumer's client has buffered reaches transactions only after it closes.
 *
 * <p>Thread safety: as {@link Consumer}; a transaction's batch belongs to the thread running the
 * transaction.
 */
final class JtaConsumer implements Consumer {

    private static final Logger LOG = Logger.getLogger(JtaConsumer.class.getName());

    private final ConsumerSource source;
    private final String deadLetterStream;
    private final ConsumerOptions options;
    private final int maxMessageBytes;
    private final JtaEnlistment jta;
    private final Supplier<Consumer> opener;
    private final LongSupplier streamBacklog;
    private Consumer outside;
    private volatile boolean closed;

    /**
     * @param opener        opens the ordinary consumer used outside transactions
     * @param streamBacklog the stream's backlog while the ordinary consumer is not open
     */
    JtaConsumer(String stream, String deadLetterStream, ConsumerOptions options, int maxMessageBytes,
            JtaEnlistment jta, Supplier<Consumer> opener, LongSupplier streamBacklog) {
        this.source = ConsumerSource.queue(stream);
        this.deadLetterStream = deadLetterStream;
        this.options = options;
        this.maxMessageBytes = maxMessageBytes;
        this.jta = jta;
        this.opener = opener;
        this.streamBacklog = streamBacklog;
    }

    @Override
    public String stream() {
        return source.stream();
    }

    @Override
    public List<Message> receive() throws InterruptedException {
        return receive(options.batchSize(), options.receiveWait());
    }

    @Override
    public List<Message> receive(int max, Duration wait) throws InterruptedException {
        checkOpen();
        if (!jta.inTransaction()) {
            return outside().receive(max, wait);
        }
        ConsumerOptions.checkReceive(max, wait);
        try {
            return jta.bound(this, InTransaction::new).receive(max, wait);
        } catch (JMSException e) {
            throw new StreamException("receive from stream '" + stream() + "' in the JTA transaction failed: " + e
                    + " (the transaction decides what happens to what was taken)", e);
        }
    }

    @Override
    public void ack(Message message) {
        settle(message, true, null);
    }

    @Override
    public void nack(Message message, String reason) {
        settle(message, false, reason);
    }

    @Override
    public long backlog() {
        checkOpen();
        Consumer open = opened();
        return open != null ? open.backlog() : streamBacklog.getAsLong();
    }

    @Override
    public void close() {
        closed = true;
        Consumer open = opened();
        if (open != null) {
            open.close();
        }
    }

    private void settle(Message message, boolean ack, String reason) {
        checkOpen();
        Optional<InTransaction> current = jta.inTransaction() ? jta.current(this) : Optional.empty();
        if (current.isPresent() && current.get().batch.holds(message)) {
            current.get().settle(message, ack, reason);
        } else if (ack) {
            outside().ack(message);
        } else {
            outside().nack(message, reason);
        }
    }

    private synchronized Consumer outside() {
        checkOpen();
        if (outside == null) {
            outside = opener.get();
        }
        return outside;
    }

    private synchronized Consumer opened() {
        return outside;
    }

    private void checkOpen() {
        if (closed) {
            throw new StreamClosedException("consumer of stream '" + stream() + "' is closed");
        }
    }

    /** This consumer's batch in one JTA transaction, on the session enlisted in it. */
    private final class InTransaction implements TransactionBound {

        private final OpenBatch batch = new OpenBatch(stream());
        private final SettlementSends sends;
        private final MessageConsumer consumer;
        private final MessageConsumer dueRetries;
        private final Session session;
        private final MessageProducer toStream;

        InTransaction() throws JMSException {
            session = jta.session();
            sends = new SettlementSends(session, source, deadLetterStream, options, maxMessageBytes, true);
            consumer = source.opener().open(session);
            dueRetries = session.createConsumer(session.createQueue(stream() + RetryMover.SUFFIX));
            toStream = session.createProducer(source.target().open(session));
        }

        List<Message> receive(int max, Duration wait) throws JMSException, InterruptedException {
            batch.checkSettled();
            moveDueRetries();
            List<Message> taken = BatchCollector.collect((n, deadline) -> sends.take(consumer, n, deadline), max, wait,
                    options.linger());
            batch.begin(taken);
            return taken;
        }

        private void moveDueRetries() throws JMSException {
            for (int i = 0; i < RetryMover.MOVES_PER_RECEIVE; i++) {
                jakarta.jms.Message retry = dueRetries.receiveNoWait();
                if (retry == null) {
                    return;
                }
                RetryMover.forward(session, toStream, retry, stream());
            }
        }

        void settle(Message message, boolean ack, String reason) {
            List<Settlement> all = batch.settle(message, ack, reason);
            try {
                for (Settlement s : all) {
                    if (s.outcome() == Settlement.Outcome.NACK) {
                        sends.nack(s.message(), s.reason());
                    }
                }
            } catch (JMSException e) {
                jta.setRollbackOnly();
                throw new StreamException("the nacks of a batch from stream '" + stream() + "' could not be sent in"
                        + " the JTA transaction, which is marked for rollback: " + e, e);
            }
        }

        @Override
        public void beforeCompletion() {
            int open = batch.unsettled();
            if (open > 0) {
                LOG.warning(() -> open + " message(s) from stream '" + stream() + "' were neither acked nor nacked when"
                        + " their JTA transaction committed: the transaction is rolled back and they are delivered again");
                jta.setRollbackOnly();
            }
        }

        @Override
        public void afterCompletion(boolean committed) {
            batch.abandon();
        }
    }
}
