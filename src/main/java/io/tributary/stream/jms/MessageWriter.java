package io.tributary.stream.jms;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;

import java.nio.ByteBuffer;

/**
 * Writes the body and properties of one outgoing JMS {@code BytesMessage}. On an Artemis message it
 * writes the core message directly: the body straight from the value's buffer (no copy of the value
 * first), and each property with its name given once as a {@link SimpleString} (no per-call name
 * validation and no name conversion, which the JMS API repeats for every property of every message).
 * On another provider's message it uses the JMS API. Callers pass only valid names (the codec's own and tag
 * names, which {@link io.tributary.stream.Message} validates) and never {@code JMSX} names, whose
 * mapping only the JMS API knows. Not thread-safe: one message, one thread.
 */
final class MessageWriter {

    private final BytesMessage jms;
    private final org.apache.activemq.artemis.api.core.Message core;

    private MessageWriter(BytesMessage jms) {
        this.jms = jms;
        this.core = jms instanceof ActiveMQMessage artemis ? artemis.getCoreMessage() : null;
    }

    /** A writer for {@code jms}. */
    static MessageWriter of(BytesMessage jms) {
        return new MessageWriter(jms);
    }

    /** Appends {@code value} (its remaining bytes) to the body. */
    void body(ByteBuffer value) throws JMSException {
        if (core != null) {
            core.getBodyBuffer().writeBytes(value);
        } else {
            byte[] bytes = new byte[value.remaining()];
            value.get(bytes);
            jms.writeBytes(bytes);
        }
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
