package io.tributary.eventstream.jms;

import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import io.tributary.stream.StreamException;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import io.tributary.stream.jms.ManagementRequests;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.management.ResourceNames;

/**
 * The four Artemis queues of one event stream, named {@code tributary.events.<owner>.<name>.*}, and
 * their declaration:
 * <ul>
 *   <li>{@code intake}: durable, <em>exclusive</em> (only one consumer, the active sequencer, receives;
 *       when it goes, the next one takes over). Appends land here, one message per append;</li>
 *   <li>{@code retained}: durable, <em>non-destructive</em> (consuming does not remove; every cursor
 *       reads it from the start, filtered by offset) and a <em>ring</em> of {@link Retention#maxEvents()}
 *       messages (the broker drops the oldest beyond that). One message per event, in offset order;</li>
 *   <li>{@code head}: durable, <em>last-value</em>: holds one message, the next offset to give, written
 *       in the same transaction as the events, so it is right even when retention emptied {@code retained}.</li>
 *   <li>{@code invalid}: durable; intake messages that are not event-stream appends (sent there by some
 *       other producer) are moved here by the sequencer as dead letters (raw body, {@code dlq_reason} naming
 *       the message, the field and its value's type), so they neither block the stream nor get lost.</li>
 * </ul>
 * Queues that exist are left as they are: the retention given when a stream's queues were first declared
 * stays until an operator changes the queue's ring size.
 */
final class EventQueues {

    private final String intake;
    private final String retained;
    private final String head;
    private final String invalid;

    EventQueues(StreamIdentity stream) {
        String base = JmsEventStream.QUEUE_PREFIX + stream.owner() + "." + stream.name();
        this.intake = base + ".intake";
        this.retained = base + ".retained";
        this.head = base + ".head";
        this.invalid = base + ".invalid";
    }

    /** The name of the intake queue. */
    String intakeName() {
        return intake;
    }

    Queue intake(Session session) throws JMSException {
        return session.createQueue(intake);
    }

    Queue retained(Session session) throws JMSException {
        return session.createQueue(retained);
    }

    Queue head(Session session) throws JMSException {
        return session.createQueue(head);
    }

    Queue invalid(Session session) throws JMSException {
        return session.createQueue(invalid);
    }

    /**
     * Creates the queues that do not exist yet and keeps the retained address out of paging, through the
     * broker's management address on {@code session} (not transacted, its connection started), which
     * needs the {@code manage} permission.
     *
     * @throws StreamException naming the queue, the operation and the broker's message if the broker refuses
     */
    void declare(Session session, StreamIdentity stream, Retention retention) {
        try (ManagementRequests management = management(session)) {
            RetainedAddressSettings.apply(management, stream, retained);
            create(management, queue(intake).setExclusive(true));
            create(management, queue(retained).setNonDestructive(true).setRingSize(retention.maxEvents()));
            create(management, queue(head).setLastValue(true));
            create(management, queue(invalid));
        }
    }

    /**
     * How many events the retained queue holds, counting those being delivered and those expired but not
     * yet removed (so the count may exceed what a cursor will still see, never fall short of it): the
     * queue's {@code messageCount}, read through the broker's management address on {@code session}.
     */
    long retainedCount(Session session) {
        try (ManagementRequests management = management(session)) {
            Object count = management.attribute(ResourceNames.QUEUE + retained, "messageCount");
            if (!(count instanceof Number n)) {
                throw new StreamException("cannot count the events on " + retained + ": the broker answered " + count);
            }
            return n.longValue();
        }
    }

    /**
     * How many messages the head queue holds (0 before the first event, else 1: it is a last-value queue), asked
     * through the broker's management on a short-lived session of {@code connection}.
     *
     * @throws StreamException if the broker does not answer with a count
     */
    long headCount(Connection connection) throws JMSException {
        try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             ManagementRequests management = management(session)) {
            Object count = management.attribute(ResourceNames.QUEUE + head, "messageCount");
            if (!(count instanceof Number n)) {
                throw new StreamException("cannot count the messages on " + head + ": the broker answered " + count);
            }
            return n.longValue();
        }
    }

    private ManagementRequests management(Session session) {
        try {
            return new ManagementRequests(session);
        } catch (JMSException e) {
            throw new StreamException("event stream queues " + this + ": the broker's management cannot be reached: "
                    + e.getMessage(), e);
        }
    }

    private static QueueConfiguration queue(String name) {
        return QueueConfiguration.of(name).setAddress(name).setRoutingType(RoutingType.ANYCAST).setDurable(true)
                .setAutoCreateAddress(true);
    }

    private static void create(ManagementRequests management, QueueConfiguration queue) {
        try {
            management.invoke(ResourceNames.BROKER, "createQueue", queue.toJSON(), true);
        } catch (StreamException e) {
            throw new StreamException("could not declare event stream queue " + queue.getName() + " (this needs the"
                    + " 'manage' permission on the broker): " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return intake + ", " + retained + ", " + head;
    }
}
