package io.tributary.stream;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tags of a {@link Message} and of its builder: read-only, in the order added, copied on derivation
 * ({@link Message#toBuilder}) so a derived message never changes the original, and the same whether a message
 * has none (the common case, which shares one empty map) or some.
 */
class MessageTagsTest {

    @Test
    void aMessageWithoutTagsHasAnEmptyReadOnlyMap() {
        Message m = Message.of(new byte[] {1});
        assertTrue(m.tags().isEmpty());
        assertNull(m.tag("absent"));
        assertThrows(UnsupportedOperationException.class, () -> m.tags().put("x", new byte[0]));
        assertArrayEquals(new byte[0], Message.builder().build().value(), "a message given no value has an empty one");
    }

    @Test
    void tagsKeepTheirOrderAndADerivedMessageNeverChangesTheOriginal() {
        Message original = Message.builder().text("v").tag("b", "2").tag("a", "1").tag("c", "3").build();
        assertEquals(List.of("b", "a", "c"), List.copyOf(original.tags().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> original.tags().remove("a"));

        Message derived = original.toBuilder().removeTag("a").tag("d", "4").build();
        assertEquals(List.of("b", "c", "d"), List.copyOf(derived.tags().keySet()));
        assertEquals(List.of("b", "a", "c"), List.copyOf(original.tags().keySet()), "the original is untouched");

        Message cleared = original.toBuilder().clearTags().tag("e", "5").build();
        assertEquals(List.of("e"), List.copyOf(cleared.tags().keySet()));
        assertEquals("5", cleared.tag("e"));
        assertTrue(Message.builder().removeTag("none").clearTags().build().tags().isEmpty());
        assertEquals(original, original.toBuilder().build(), "a copy with the same tags is equal");
    }
}
