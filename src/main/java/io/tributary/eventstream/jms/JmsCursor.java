package io.tributary.eventstream.jms;

import io.tributary.eventstream.Event;
import io.tributary.eventstream.support.AbstractCursor;
import io.tributary.stream.StreamException;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * A cursor on a {@link JmsEventStream}: its own session and a consumer of the retained (non-destructive)
 * queue selecting offsets from its start. The broker sends events in queue order, which is offset order;
 * the client prefetches up to its consumer window (bounded, 1 MiB by default). Acknowledgements do not
 * remove anything from a non-destructive queue. One thread per cursor; {@link #close()} from any thread
 * closes the session, which wakes a blocked {@code next}.
 */
final class JmsCursor extends AbstractCursor {

    private final JmsEventStream owner;
    private final Session session;
    private final MessageConsumer consumer;

    JmsCursor(JmsEventStream owner, Connection connection, EventQueues queues, long offset, Set<String> types)
            throws JMSException {
        super(owner.identity(), offset, types);
        this.owner = owner;
        this.session = connection.createSession(false, Session.DUPS_OK_ACKNOWLEDGE);
        try {
            this.consumer = session.createConsumer(queues.retained(session), RetainedEvents.from(offset));
        } catch (JMSException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    @Override
    protected Event fetch(long from, Instant deadline) {
        try {
            long millis = Duration.between(Instant.now(), deadline).toMillis();
            Message message = millis > 0 ? consumer.receive(millis) : consumer.receiveNoWait();
            return message == null ? null : RetainedEvents.toEvent(message);
        } catch (JMSException | RuntimeException e) {
            if (isClosed()) {
                return null;
            }
            throw new StreamException("event stream " + stream() + ": could not read at offset " + from + ": " + e, e);
        }
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
