package io.tributary.broker.jms;

import io.tributary.broker.Batch;
import io.tributary.broker.support.BatchState;
import io.tributary.stream.Message;
import jakarta.jms.Session;

import java.util.List;

/** A batch of a {@link JmsBroker}: the messages of one open transaction. Guarded by its consumer's lock. */
final class JmsBatch implements Batch<Message> {

    private final JmsBrokerConsumer consumer;
    private final Session session;
    private final List<Message> events;
    private final BatchState state = new BatchState();

    JmsBatch(JmsBrokerConsumer consumer, Session session, List<Message> events) {
        this.consumer = consumer;
        this.session = session;
        this.events = events;
    }

    @Override
    public List<Message> events() {
        return events;
    }

    @Override
    public void ack() {
        consumer.ack(this);
    }

    Session session() {
        return session;
    }

    /** Marks this batch acked; throws, naming why, if it was not open. */
    void settle() {
        state.ack(events().size());
    }

    void returned() {
        state.returned();
    }
}
