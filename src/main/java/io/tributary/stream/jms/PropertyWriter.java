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

    void putString(SimpleString name, String value) throws JMSException {
        if (core != null) {
            core.putStringProperty(name, value);
        } else {
            jms.setStringProperty(name.toString(), value);
        }
    }

    void putString(String name, String value) throws JMSException {
        if (core != null) {
            core.putStringProperty(SimpleString.of(name), value);
        } else {
            jms.setStringProperty(name, value);
        }
    }

    void putInt(SimpleString name, int value) throws JMSException {
        if (core != null) {
            core.putIntProperty(name, value);
        } else {
            jms.setIntProperty(name.toString(), value);
        }
    }

    void putLong(SimpleString name, long value) throws JMSException {
        if (core != null) {
            core.putLongProperty(name, value);
        } else {
            jms.setLongProperty(name.toString(), value);
        }
    }
}
