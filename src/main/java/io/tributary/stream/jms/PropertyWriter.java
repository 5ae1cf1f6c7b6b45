package io.tributary.stream.jms;

import jakarta.jms.JMSException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;

/**
 * Sets the properties of one outgoing JMS message. On an Artemis message it writes the core message
 * directly, with the property name given once as a {@link SimpleString}: no per-call name validation
 * and no name conversion, which the JMS API repeats for every property of every message. On another
 * provider's message it uses the JMS API. Callers pass only valid names (the codec's own and tag
 * names, which {@link io.tributary.stream.Message} validates) and never {@code JMSX} names, whose
 * mapping only the JMS API knows. Not thread-safe: one message, one thread.
 */
final class PropertyWriter {

    private final jakarta.jms.Message jms;
    private final org.apache.activemq.artemis.api.core.Message core;

    private PropertyWriter(jakarta.jms.Message jms) {
        this.jms = jms;
        this.core = jms instanceof ActiveMQMessage artemis ? artemis.getCoreMessage() : null;
    }

    /** A writer for the properties of {@code jms}. */
    static PropertyWriter of(jakarta.jms.Message jms) {
        return new PropertyWriter(jms);
    }

    /** Sets {@code name} to {@code value}: a {@code String}, {@code Integer} or {@code Long}. */
    void put(SimpleString name, Object value) throws JMSException {
        if (core != null) {
            core.putObjectProperty(name, value);
        } else {
            jms.setObjectProperty(name.toString(), value);
        }
    }

    /** Sets {@code name} (converted on each call: for names not known in advance, such as tags). */
    void put(String name, Object value) throws JMSException {
        put(SimpleString.of(name), value);
    }
}
