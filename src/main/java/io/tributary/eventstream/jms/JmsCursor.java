package io.tributary.eventstream.jms;

import io.tributary.eventstream.Event;
import io.tributary.eventstream.support.AbstractCursor;
import io.tributary.stream.StreamException;
import io.tributary.stream.jms.JmsMessages;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.logging.Logger;

/**
 * A cursor on a {@link JmsEventStream}: its own session and a consumer of the retained (non-destructive)
 * queue selecting offsets from its start. The broker sends events in queue order, which is offset order;
 * the client prefetches up to its consumer window (bounded, 1 MiB by default). Acknowledgements do not
 * remove anything from a non-destructive queue. One thread per cursor; {@link #close()} from any thread
 * closes the session, which wakes a blocked {@code next}. A message on the retained queue that is not an
 * event (another client's) is skipped, and its dead letter sent to the invalid queue with the reason.
 */
final class JmsCursor extends AbstractCursor {

    private static final Logger LOG = Logger.getLogger(JmsCursor.class.getName());

    private final JmsEventStream owner;
    private final Session session;
    private final MessageConsumer consumer;
    private final MessageProducer invalid;
    private final String retained;

    JmsCursor(JmsEventStream owner, Connection connection, EventQueues queues, long offset, Set<String> types)
            throws JMSException {
        super(owner.identity(), offset, types);
        this.owner = owner;
        this.session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        try {
            Queue retainedQueue = queues.retained(session);
            this.retained = retainedQueue.getQueueName();
            this.consumer = session.createConsumer(retainedQueue, RetainedEvents.from(offset));
            this.invalid = session.createProducer(queues.invalid(session));
        } catch (JMSException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    protected Event fetch(long from, Instant deadline) {
        try {
            while (true) {
                long millis = Duration.between(Instant.now(), deadline).toMillis();
                Message message = millis > 0 ? consumer.receive(millis) : consumer.receiveNoWait();
                if (message == null) {
                    return null;
                }
                Event event = decodeOrSetAside(message);
                if (event != null) {
                    return event;
                }
            }
        } catch (JMSException | RuntimeException e) {
            if (isClosed()) {
                return null;
            }
            throw new StreamException("event stream " + stream() + ": could not read at offset " + from + ": " + e, e);
        }
    }

    /**
     * The event {@code message} holds; {@code null} when it cannot be decoded (a message another client put
     * on the retained queue): then its dead letter goes to the invalid queue, with a duplicate-detection id
     * derived from its id, so the cursors that meet it store it once (within the broker's id cache).
     */
    private Event decodeOrSetAside(Message message) throws JMSException {
        try {
            return RetainedEvents.toEvent(message, stream());
        } catch (Throwable e) {
            if (!JmsMessages.isMessageFault(e)) {
                throw e;
            }
            String reason = "event stream " + stream() + ": " + JmsMessages.refusal(message, fieldOf(message), e);
            LOG.warning(reason + "; skipped, and its dead letter sent to the invalid queue");
            invalid.send(JmsMessages.deadLetter(session, message, retained, reason));
            return null;
        }
    }

    private String fieldOf(Message message) {
        String suspect = RetainedEvents.suspectField(message, stream());
        return suspect != null ? suspect : "body";
    }

    @Override
    protected void release() {
        owner.forget(this);
        try {
            session.close();
        } catch (JMSException e) {
            throw new StreamException("event stream " + stream() + ": could not close a cursor: " + e, e);
        }
    }
}
