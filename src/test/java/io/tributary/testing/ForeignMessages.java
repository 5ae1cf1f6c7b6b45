package io.tributary.testing;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generates the messages another JMS or AMQP client may send to a queue Tributary consumes: well-formed
 * ones and every kind of malformed one, each with the property {@value #SEQ} (its number, as text) and,
 * when it is well-formed, whether Tributary must deliver it. The same cases are sent through any JMS
 * client (the Artemis core client, or Qpid JMS over AMQP), so one oracle serves both.
 *
 * <p>{@link #codecCases} are for the paths that read Tributary messages (stream consumer, batching
 * broker, fan-in source, store, connector): all body types, no {@code JMSMessageID}, every JMS property
 * type under every {@code tributary_*} name, odd group ids, empty and huge headers; {@link #coreCodecCases}
 * add text that is not Unicode. {@link #intakeCases} are event-stream intake messages that are not appends, and
 * {@link #retainedCases} messages another client put on a retained event queue that a cursor selects.
 */
public final class ForeignMessages {

    /** The property every generated message carries: its number. */
    public static final String SEQ = "seq";

    private static final String HUGE = "h".repeat(100_000);
    private static final String DUPLICATE_ID = "_AMQ_DUPL_ID";
    private static final String REASON = "dlq_reason";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofMillis(200);
    /** What every reason says: the message (by its id or the broker's), then a refused type or the field. */
    private static final Pattern REASON_TEXT = Pattern.compile(
            ".*(ID:\\S+|without JMSMessageID, broker id \\d+) (is not accepted: |cannot be decoded: field \\S+ holds ).+",
            Pattern.DOTALL);
    private static final List<String> CODEC_FIELDS = List.of("tributary_id", "tributary_key", "tributary_attempt",
            "tributary_timestamp", "tributary_ts", "tributary_topic", "tributary_ttl_ms", "tributary_other",
            "JMSXGroupID", "_AMQ_GROUP_ID");

    private ForeignMessages() {
    }

    /** Makes one message on a session. */
    @FunctionalInterface
    public interface Maker {
        Message make(Session session) throws JMSException;
    }

    /**
     * One message to send.
     *
     * @param description what it is, for failure messages
     * @param wellFormed  whether Tributary must deliver it (else it must be dead-lettered with a reason)
     * @param withoutId   whether it is sent with message ids disabled (no {@code JMSMessageID})
     * @param make        how a session makes it (before its {@value #SEQ} is set)
     */
    public record Case(String description, boolean wellFormed, boolean withoutId, Maker make) {
    }

    /** What {@link #send} sent: the numbers of the well-formed and of the malformed messages, in order. */
    public record Sent(List<String> wellFormed, List<String> malformed) {

        /** Both lists of {@code this} followed by those of {@code next}. */
        public Sent then(Sent next) {
            return new Sent(concat(wellFormed, next.wellFormed), concat(malformed, next.malformed));
        }

        private static List<String> concat(List<String> a, List<String> b) {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }

    /**
     * Sends {@code cases} to {@code to}, in order, numbering them from {@code firstSeq}; each send returns
     * once the broker has it (persistent, non-transacted). A case the client itself refuses to make (a
     * property type it does not allow under that name) is not sent.
     */
    public static Sent send(Session session, Destination to, List<Case> cases, int firstSeq) throws JMSException {
        List<String> wellFormed = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        try (MessageProducer withIds = session.createProducer(to);
             MessageProducer withoutIds = session.createProducer(to)) {
            withoutIds.setDisableMessageID(true);
            int seq = firstSeq;
            for (Case c : cases) {
                Message m;
                try {
                    m = c.make().make(session);
                } catch (JMSException | RuntimeException refusedByTheClient) {
                    continue;
                }
                String n = String.valueOf(seq++);
                m.setStringProperty(SEQ, n);
                (c.withoutId() ? withoutIds : withIds).send(m);
                (c.wellFormed() ? wellFormed : malformed).add(n);
            }
        }
        return new Sent(wellFormed, malformed);
    }

    /**
     * Sends {@code cases} through a new connection of {@code client} to the queue {@code queue}, numbering
     * them from {@code firstSeq}.
     */
    public static Sent send(ConnectionFactory client, String queue, List<Case> cases, int firstSeq)
            throws JMSException {
        try (Connection connection = client.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            return send(session, session.createQueue(queue), cases, firstSeq);
        }
    }

    /**
     * Sends {@link #coreCodecCases} through {@code core} (an Artemis core client), {@link #codecCases} through
     * {@code amqp} (an AMQP client), then one last well-formed message through {@code core}: when that one
     * arrives, everything before it was handled.
     */
    public static Sent sendCodecCases(ConnectionFactory core, ConnectionFactory amqp, String queue)
            throws JMSException {
        Sent byCore = send(core, queue, coreCodecCases(), 0);
        Sent byAmqp = send(amqp, queue, codecCases(), 1_000);
        Sent last = send(core, queue, List.of(new Case("the last", true, false, s -> s.createTextMessage("last"))),
                2_000);
        return byCore.then(byAmqp).then(last);
    }

    /**
     * Asserts that {@code queue} holds exactly one dead letter per number in {@code expected}, each with a
     * reason naming the message (its id, or the broker's id) and what is wrong with it: its JMS type, or the
     * field and the type of the value found there. Consumes them.
     */
    public static void assertDeadLettered(ConnectionFactory client, String queue, List<String> expected)
            throws JMSException {
        Map<String, String> reasons = new TreeMap<>();
        List<String> all = new ArrayList<>();
        try (Connection connection = client.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer letters = session.createConsumer(session.createQueue(queue))) {
            connection.start();
            while (all.size() < expected.size()) {
                Message m = letters.receive(WAIT.toMillis());
                if (m == null) {
                    break;
                }
                all.add(m.getStringProperty(SEQ));
                reasons.put(String.valueOf(m.getStringProperty(SEQ)), m.getStringProperty(REASON));
            }
            assertNull(letters.receive(QUIET.toMillis()), "no more dead letters than malformed messages");
        }
        assertEquals(new TreeSet<>(expected), new TreeSet<>(all), "one dead letter per malformed message");
        assertEquals(expected.size(), all.size(), "each malformed message dead-lettered once: " + all);
        reasons.forEach((seq, reason) -> assertTrue(reason != null && REASON_TEXT.matcher(reason).matches(),
                "the reason of dead letter " + seq + " names the message and the field: " + reason));
    }

    /** The number of the last well-formed message of {@code sent}. */
    public static String last(Sent sent) {
        return sent.wellFormed().get(sent.wellFormed().size() - 1);
    }

    /** Well-formed and malformed messages for the paths that read Tributary messages. */
    public static List<Case> codecCases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("a TextMessage", true, false, s -> s.createTextMessage("text")));
        cases.add(new Case("a BytesMessage", true, false, s -> bytes(s, new byte[] {1, 2, 3})));
        cases.add(new Case("a Message without a body", true, false, Session::createMessage));
        cases.add(new Case("an ObjectMessage", false, false, s -> s.createObjectMessage("serialized")));
        cases.add(new Case("a MapMessage", false, false, s -> {
            MapMessage m = s.createMapMessage();
            m.setString("a", "b");
            return m;
        }));
        cases.add(new Case("a StreamMessage", false, false, s -> {
            StreamMessage m = s.createStreamMessage();
            m.writeString("a");
            return m;
        }));
        cases.add(new Case("a BytesMessage without JMSMessageID", false, true, s -> bytes(s, new byte[] {4})));
        cases.add(new Case("a TextMessage without JMSMessageID", false, true, s -> s.createTextMessage("no id")));
        cases.add(new Case("a message without JMSMessageID but with a tributary_id", true, true, s -> {
            Message m = s.createTextMessage("own id");
            m.setStringProperty("tributary_id", "own-" + System.nanoTime());
            return m;
        }));
        cases.add(new Case("a message without JMSMessageID but with a text _AMQ_DUPL_ID (its id)", true, true, s -> {
            Message m = s.createTextMessage("duplicate id");
            m.setStringProperty(DUPLICATE_ID, "dup-" + System.nanoTime());
            return m;
        }));
        cases.add(new Case("an _AMQ_DUPL_ID that is no valid id (300 characters): the JMSMessageID is the id", true,
                false, s -> {
                    Message m = s.createTextMessage("long duplicate id");
                    m.setStringProperty(DUPLICATE_ID, "d".repeat(280) + System.nanoTime());
                    return m;
                }));
        cases.add(new Case("a message without JMSMessageID whose _AMQ_DUPL_ID is no valid id", false, true, s -> {
            Message m = s.createTextMessage("no usable id");
            m.setStringProperty(DUPLICATE_ID, "bad\nid-" + System.nanoTime());
            return m;
        }));
        cases.add(new Case("a large BytesMessage whose _AMQ_LARGE_SIZE lies (the broker sets the true size)", true,
                false, s -> {
                    BytesMessage m = bytes(s, new byte[200 * 1024]);
                    m.setLongProperty("_AMQ_LARGE_SIZE", 2_000_000_000L);
                    return m;
                }));
        cases.add(new Case("an empty tag", true, false, s -> withString(s, "empty", "")));
        cases.add(new Case("a huge tag", true, false, s -> withString(s, "huge", HUGE)));
        cases.add(new Case("a tag with a line break", false, false, s -> withString(s, "broken", "a\nb")));
        for (String field : CODEC_FIELDS) {
            for (Typed value : values(field)) {
                cases.add(new Case(field + " = " + value.description, accepts(field, value.value), false, s -> {
                    Message m = s.createTextMessage("typed");
                    m.setObjectProperty(field, value.value);
                    return m;
                }));
            }
        }
        return cases;
    }

    /**
     * {@link #codecCases}, and text that is not Unicode (an unpaired surrogate), for the Artemis core client
     * only: Qpid JMS encodes such text as an AMQP string that is not UTF-8, which Artemis cannot convert for a
     * core consumer: it removes the consumer instead (AMQ222151), on every delivery, so the message never
     * reaches Tributary (a broker limit, stated in docs/guarantees.md).
     */
    public static List<Case> coreCodecCases() {
        List<Case> cases = new ArrayList<>(codecCases());
        cases.add(new Case("text that is not Unicode (an unpaired surrogate)", false, false,
                s -> s.createTextMessage("bad \ud800 text")));
        return cases;
    }

    /** Messages on an event stream's intake queue that are not appends. */
    public static List<Case> intakeCases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("a TextMessage", false, false, s -> s.createTextMessage("text")));
        cases.add(new Case("a Message without a body", false, false, Session::createMessage));
        cases.add(new Case("an ObjectMessage", false, false, s -> s.createObjectMessage("serialized")));
        cases.add(new Case("a MapMessage", false, false, Session::createMapMessage));
        cases.add(new Case("a StreamMessage", false, false, Session::createStreamMessage));
        cases.add(new Case("an empty BytesMessage", false, true, s -> bytes(s, new byte[0])));
        cases.add(new Case("a count of 0", false, false, s -> intake(s, 0, m -> { })));
        cases.add(new Case("a count of 2,000,000,000", false, false, s -> intake(s, 2_000_000_000, m -> { })));
        cases.add(new Case("a type that is not modified UTF-8 (Artemis' readUTF throws InternalError)", false, false,
                s -> intake(s, 1, m -> {
                    m.writeShort((short) 2);
                    m.writeByte((byte) 0x80);
                    m.writeByte((byte) 0x80);
                    m.writeInt(0);
                })));
        cases.add(new Case("a type longer than the body", false, false, s -> intake(s, 1, m -> m.writeShort((short) 500))));
        cases.add(new Case("a negative payload length", false, false, s -> intake(s, 1, m -> {
            m.writeUTF("order.placed");
            m.writeInt(-1);
        })));
        cases.add(new Case("a payload length longer than the body", false, false, s -> intake(s, 1, m -> {
            m.writeUTF("order.placed");
            m.writeInt(1_000);
            m.writeBytes(new byte[] {1});
        })));
        cases.add(new Case("a type the stream does not carry", false, false, s -> intake(s, 1, m -> {
            m.writeUTF("no such type");
            m.writeInt(0);
        })));
        return cases;
    }

    /**
     * Messages another client put on a retained event queue that a cursor's selector (an offset at or
     * above some position) takes, but that are not events.
     */
    public static List<Case> retainedCases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("no type", false, false, s -> retained(s, bytes(s, new byte[] {1}), null, 1L)));
        cases.add(new Case("an Integer type", false, false, s -> retained(s, bytes(s, new byte[] {1}), 7, 1L)));
        cases.add(new Case("a String time", false, false,
                s -> retained(s, bytes(s, new byte[] {1}), "order.placed", "noon")));
        cases.add(new Case("a TextMessage body", false, false,
                s -> retained(s, s.createTextMessage("text"), "order.placed", 1L)));
        cases.add(new Case("a MapMessage body", false, false,
                s -> retained(s, s.createMapMessage(), "order.placed", 1L)));
        cases.add(new Case("an ObjectMessage body", false, false,
                s -> retained(s, s.createObjectMessage("serialized"), "order.placed", 1L)));
        return cases;
    }

    /** A value of one JMS property type, described. */
    private record Typed(String description, Object value) {
    }

    private static List<Typed> values(String field) {
        List<Typed> values = new ArrayList<>(List.of(new Typed("true", true), new Typed("(byte) 1", (byte) 1),
                new Typed("(short) 2", (short) 2), new Typed("2", 2), new Typed("60000L", 60_000L),
                new Typed("1.5f", 1.5f), new Typed("2.5d", 2.5d), new Typed("\"v\"", "v"), new Typed("\"\"", ""),
                new Typed("100,000 characters", HUGE), new Typed("-1L", -1L)));
        if (field.equals("tributary_timestamp")) {
            values.add(new Typed("an ISO-8601 instant", Instant.parse("2026-01-02T03:04:05Z").toString()));
        }
        return values;
    }

    /** The oracle: whether Tributary accepts {@code value} under {@code field}. */
    private static boolean accepts(String field, Object value) {
        return switch (field) {
            case "tributary_id", "tributary_key" -> value instanceof String s && token(s);
            case "JMSXGroupID", "_AMQ_GROUP_ID" -> token(String.valueOf(value));
            case "tributary_attempt" -> value instanceof Integer i && i >= 1;
            case "tributary_timestamp" -> value instanceof String s && isInstant(s);
            case "tributary_ts" -> value instanceof Long;
            case "tributary_topic" -> value instanceof String;
            case "tributary_ttl_ms" -> value instanceof Long l && l >= 0;
            default -> true;
        };
    }

    private static boolean token(String s) {
        return !s.isEmpty() && s.length() <= 255;
    }

    private static boolean isInstant(String s) {
        try {
            Instant.parse(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static BytesMessage bytes(Session s, byte[] body) throws JMSException {
        BytesMessage m = s.createBytesMessage();
        m.writeBytes(body);
        return m;
    }

    private static Message withString(Session s, String name, String value) throws JMSException {
        Message m = s.createTextMessage("tagged");
        m.setStringProperty(name, value);
        return m;
    }

    /** Writes the rest of an intake body. */
    @FunctionalInterface
    private interface Body {
        void write(BytesMessage m) throws JMSException;
    }

    private static BytesMessage intake(Session s, int count, Body rest) throws JMSException {
        BytesMessage m = s.createBytesMessage();
        m.writeInt(count);
        rest.write(m);
        return m;
    }

    private static Message retained(Session s, Message m, Object type, Object time) throws JMSException {
        m.setLongProperty("tributary_offset", 1_000_000_000L);
        if (type != null) {
            m.setObjectProperty("tributary_type", type);
        }
        m.setObjectProperty("tributary_time", time);
        return m;
    }
}
