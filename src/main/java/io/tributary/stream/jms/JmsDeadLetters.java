package io.tributary.stream.jms;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.StreamException;
import io.tributary.stream.StreamName;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What an operator does with the dead letters of a stream on Artemis: browse them (paged, filtered),
 * look at one, redrive some or all back to the stream, delete some, purge all.
 *
 * <p><b>Redrive.</b> A redriven message is the dead letter with its attempt reset to 1 and without the
 * tags {@link Consumer#REASON_TAG} and {@link Consumer#ORIGIN_TAG}; its id is kept. It is sent to the
 * stream and removed from the dead-letter queue in one broker transaction (committed every
 * {@value #COMMIT_EVERY} messages), with the duplicate-detection id {@code <id>#redrive-<JMS message id
 * of the dead letter>}: a crash never loses or doubles a redriven message, and redriving the same
 * message again after it dead-lettered again is a new send.
 *
 * <p><b>Bounds.</b> A browse reads at most {@value #MAX_SCAN} dead letters, a page holds at most
 * {@value #MAX_PAGE}, a selection at most {@value #MAX_IDS} ids, one redrive, delete or purge moves at
 * most {@value #MAX_MOVE} (dead letters arriving meanwhile may be among them). Letters are decoded without Java
 * deserialization; one that cannot be decoded is shown with its valid headers and raw body. Bad input
 * (an id, a selector, a page size) is refused with an {@link IllegalArgumentException} naming it.
 *
 * <p>Each call uses a connection of its own, closed before it returns. Thread-safe.
 */
public final class JmsDeadLetters {

    /** The most dead letters one browse reads. */
    public static final int MAX_SCAN = 10_000;
    /** The most dead letters on one page. */
    public static final int MAX_PAGE = 200;
    /** The most ids one selection names. */
    public static final int MAX_IDS = 500;
    /** The most dead letters one redrive, delete or purge moves; call again for more. */
    public static final int MAX_MOVE = 100_000;
    /** How many moved or deleted messages one transaction holds. */
    static final int COMMIT_EVERY = 200;
    private static final long DRAINED_AFTER_MS = 500;

    private final ConnectionFactory factory;
    private final UnaryOperator<String> deadLetterStream;

    /**
     * @param deadLetterStream the dead-letter stream of a stream ({@link JmsStreams#deadLetterStream})
     */
    public JmsDeadLetters(ConnectionFactory factory, UnaryOperator<String> deadLetterStream) {
        this.factory = Objects.requireNonNull(factory, "factory must not be null");
        this.deadLetterStream = Objects.requireNonNull(deadLetterStream, "deadLetterStream must not be null");
    }

    /** One page of dead letters: those matched, and whether more matched beyond the page or the scan. */
    public record Page(List<Message> letters, boolean more) {
    }

    /**
     * The dead letters of {@code stream} that match {@code selector} (a JMS selector, or null) and contain
     * {@code filter} (case-insensitive, in the id, key, reason or a tag value; null or blank for any),
     * skipping the first {@code offset} matches, in queue order.
     */
    public Page browse(String stream, int offset, int limit, String selector, String filter) {
        if (offset < 0 || offset > MAX_SCAN) {
            throw new IllegalArgumentException("offset " + offset + " is out of range: use 0 to " + MAX_SCAN);
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit " + limit + " is out of range: use 1 to " + MAX_PAGE);
        }
        String needle = filter == null || filter.isBlank() ? null : filter.toLowerCase(Locale.ROOT);
        String dlq = dlq(stream);
        List<Message> page = new ArrayList<>();
        try (Connection c = factory.createConnection()) {
            Session session = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = browser(session, dlq, selector);
            c.start();
            Enumeration<?> letters = browser.getEnumeration();
            int matched = 0;
            for (int scanned = 0; letters.hasMoreElements() && scanned < MAX_SCAN; scanned++) {
                Message m = decode((jakarta.jms.Message) letters.nextElement(), dlq);
                if (needle != null && !contains(m, needle)) {
                    continue;
                }
                if (matched++ >= offset) {
                    if (page.size() == limit) {
                        return new Page(page, true);
                    }
                    page.add(m);
                }
            }
            return new Page(page, letters.hasMoreElements());
        } catch (JMSException e) {
            throw new StreamException("the dead letters of '" + stream + "' cannot be browsed: " + e.getMessage(), e);
        }
    }

    /** The dead letter of {@code stream} with message id {@code id}, if there is one. */
    public Optional<Message> find(String stream, String id) {
        List<Message> found = browse(stream, 0, 1, selector(List.of(id)), null).letters();
        return found.stream().findFirst();
    }

    /** Redrives the dead letters with the given ids to {@code stream}; returns how many were redriven. */
    public int redrive(String stream, List<String> ids) {
        return drain(stream, selector(ids), true);
    }

    /** Redrives every dead letter of {@code stream} back to it; returns how many were redriven. */
    public int redriveAll(String stream) {
        return drain(stream, null, true);
    }

    /** Deletes the dead letters with the given ids; returns how many were deleted. */
    public int delete(String stream, List<String> ids) {
        return drain(stream, selector(ids), false);
    }

    /** Deletes every dead letter of {@code stream}; returns how many were deleted. */
    public int purge(String stream) {
        return drain(stream, null, false);
    }

    /** The JMS selector of the letters with these ids (the Tributary id, or the JMS id of a foreign letter). */
    static String selector(List<String> ids) {
        if (ids == null || ids.isEmpty() || ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("a selection of " + (ids == null ? 0 : ids.size()) + " ids is not"
                    + " allowed: name 1 to " + MAX_IDS + " message ids");
        }
        ids.forEach(JmsDeadLetters::checkId);
        return MessageCodec.idSelector(ids) + " OR JMSMessageID IN " + MessageCodec.selectorList(ids);
    }

    /** Refuses an id that no message can have, as {@link Message.Builder#id} does, naming it. */
    private static void checkId(String id) {
        Message.builder().id(id);
    }

    private int drain(String stream, String selector, boolean redrive) {
        String dlq = dlq(stream);
        try (Connection c = factory.createConnection()) {
            Session session = c.createSession(true, Session.SESSION_TRANSACTED);
            Queue from = session.createQueue(dlq);
            MessageConsumer letters = selector == null ? session.createConsumer(from)
                    : session.createConsumer(from, selector);
            MessageProducer back = session.createProducer(session.createQueue(stream));
            c.start();
            int moved = 0;
            for (jakarta.jms.Message jms = letters.receive(DRAINED_AFTER_MS); jms != null;
                    jms = moved < MAX_MOVE ? letters.receive(DRAINED_AFTER_MS) : null) {
                if (redrive) {
                    Message again = redriven(decode(jms, dlq), stream);
                    back.send(MessageCodec.write(session, again, again.id() + "#redrive-" + jms.getJMSMessageID(),
                            stream), DeliveryMode.PERSISTENT, again.priority(), MessageCodec.timeToLive(again));
                }
                if (++moved % COMMIT_EVERY == 0) {
                    session.commit();
                }
            }
            session.commit();
            return moved;
        } catch (InvalidSelectorException e) {
            throw new IllegalArgumentException("selector '" + selector + "' is not valid: " + e.getMessage(), e);
        } catch (JMSException e) {
            throw new StreamException("the dead letters of '" + stream + "' cannot be " + (redrive ? "redriven"
                    : "deleted") + ": " + e.getMessage() + " (what was not committed stays dead-lettered)", e);
        }
    }

    private String dlq(String stream) {
        StreamName.check(stream);
        return deadLetterStream.apply(stream);
    }

    private static QueueBrowser browser(Session session, String dlq, String selector) throws JMSException {
        try {
            return selector == null || selector.isBlank() ? session.createBrowser(session.createQueue(dlq))
                    : session.createBrowser(session.createQueue(dlq), selector);
        } catch (InvalidSelectorException e) {
            throw new IllegalArgumentException("selector '" + selector + "' is not a valid JMS selector: "
                    + e.getMessage() + " (example: dlq_reason LIKE '%timeout%')", e);
        }
    }

    private static Message decode(jakarta.jms.Message jms, String dlq) throws JMSException {
        try {
            return MessageCodec.read(jms, dlq);
        } catch (MessageCodec.Unreadable e) {
            return MessageCodec.salvage(jms, dlq);
        }
    }

    private static Message redriven(Message letter, String stream) {
        return letter.toBuilder().deliveryAttempt(1).removeTag(Consumer.REASON_TAG).removeTag(Consumer.ORIGIN_TAG)
                .producerTopic(stream).build();
    }

    private static boolean contains(Message m, String needle) {
        if (m.id().toLowerCase(Locale.ROOT).contains(needle)
                || (m.key() != null && m.key().toLowerCase(Locale.ROOT).contains(needle))) {
            return true;
        }
        for (String tag : m.tags().keySet()) {
            if (m.tag(tag).toLowerCase(Locale.ROOT).contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
