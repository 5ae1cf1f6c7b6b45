package io.tributary.stream.jms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.stream.Message;
import jakarta.jms.BytesMessage;
import jakarta.jms.TextMessage;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * {@link MessageCodec} never trusts what a received message declares: a body length that lies, a body
 * over the limit and text that is not valid Unicode are refused with a reason, never allocated or altered.
 */
class MessageCodecTest {

    private static final int LIMIT = 1 << 20;

    @Test
    void aHugeDeclaredLengthIsRefusedBeforeAnythingIsAllocated() {
        MessageCodec.Unreadable e = assertThrows(MessageCodec.Unreadable.class,
                () -> MessageCodec.read(bytes(2_000_000_000L, new byte[10]), "s", LIMIT));
        assertTrue(e.getMessage().contains("declares 2000000000 bytes: the limit is " + LIMIT), e.getMessage());
    }

    @Test
    void aDeclaredLengthLongerThanTheBodyIsRefused() {
        MessageCodec.Unreadable e = assertThrows(MessageCodec.Unreadable.class,
                () -> MessageCodec.read(bytes(10, new byte[4]), "s", LIMIT));
        assertTrue(e.getMessage().contains("declares 10 bytes but carries 4"), e.getMessage());
    }

    @Test
    void aDeclaredLengthShorterThanTheBodyIsRefused() {
        MessageCodec.Unreadable e = assertThrows(MessageCodec.Unreadable.class,
                () -> MessageCodec.read(bytes(4, new byte[10]), "s", LIMIT));
        assertTrue(e.getMessage().contains("declares 4 bytes but carries more"), e.getMessage());
    }

    @Test
    void aNegativeDeclaredLengthIsRefused() {
        MessageCodec.Unreadable e = assertThrows(MessageCodec.Unreadable.class,
                () -> MessageCodec.read(bytes(-1, new byte[3]), "s", LIMIT));
        assertTrue(e.getMessage().contains("declares -1 bytes"), e.getMessage());
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        MessageCodec.Unreadable e = assertThrows(MessageCodec.Unreadable.class,
                () -> MessageCodec.read(bytes(LIMIT + 1, new byte[LIMIT + 1]), "s", LIMIT));
        assertTrue(e.getMessage().contains("declares " + (LIMIT + 1) + " bytes: the limit is"), e.getMessage());
    }

    @Test
    void anHonestBodyIsReadExactly() throws Exception {
        byte[] body = "exact".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(body, MessageCodec.read(bytes(body.length, body), "s", LIMIT).value());
    }

    @Test
    void salvageKeepsTheBytesActuallyThereWhateverTheDeclaredLength() throws Exception {
        byte[] body = {1, 2, 3};
        assertArrayEquals(body, MessageCodec.salvage(bytes(2_000_000_000L, body), "s").value());
        assertArrayEquals(body, MessageCodec.salvage(bytes(1, body), "s").value());
    }

    @Test
    void textWithAnUnpairedSurrogateIsRefusedNotAltered() {
        MessageCodec.Unreadable e = assertThrows(MessageCodec.Unreadable.class,
                () -> MessageCodec.read(text("broken \uD800 text"), "s", LIMIT));
        assertTrue(e.getMessage().contains("not valid Unicode"), e.getMessage());
    }

    @Test
    void textOverTheLimitIsRefused() {
        MessageCodec.Unreadable e = assertThrows(MessageCodec.Unreadable.class,
                () -> MessageCodec.read(text("\u00e9".repeat(600)), "s", 1000));
        assertTrue(e.getMessage().contains("1200 UTF-8 bytes is over the limit of 1000"), e.getMessage());
    }

    @Test
    void wellFormedTextIsItsUtf8() throws Exception {
        Message m = MessageCodec.read(text("h\u00e9llo \uD83D\uDE00"), "s", LIMIT);
        assertEquals("h\u00e9llo \uD83D\uDE00", m.text());
    }

    /** A BytesMessage that declares {@code declared} bytes and carries {@code body}. */
    private static BytesMessage bytes(long declared, byte[] body) {
        int[] position = {0};
        return fake(BytesMessage.class, (name, args) -> switch (name) {
            case "getBodyLength" -> declared;
            case "reset" -> {
                position[0] = 0;
                yield null;
            }
            case "readBytes" -> {
                byte[] into = (byte[]) args[0];
                int n = Math.min(into.length, body.length - position[0]);
                if (n <= 0) {
                    yield -1;
                }
                System.arraycopy(body, position[0], into, 0, n);
                position[0] += n;
                yield n;
            }
            default -> null;
        });
    }

    private static TextMessage text(String text) {
        return fake(TextMessage.class, (name, args) -> name.equals("getText") ? text : null);
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    /** A JMS message with no properties whose other methods answer from {@code answer}, else a zero value. */
    private static <T> T fake(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object a = answer.answer(method.getName(), args);
            if (a != null) {
                return a;
            }
            return switch (method.getName()) {
                case "getJMSMessageID" -> "ID:fake";
                case "getPropertyNames" -> Collections.emptyEnumeration();
                default -> zero(method.getReturnType());
            };
        }));
    }

    private static Object zero(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return type.isPrimitive() ? (Object) (byte) 0 : null;
    }
}
