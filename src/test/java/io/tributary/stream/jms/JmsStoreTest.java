package io.tributary.stream.jms;

import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.Store;
import io.tributary.stream.StreamClosedException;
import io.tributary.testing.EmbeddedJms;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link JmsStore} and {@link JmsProducer#sendAll} on an embedded broker. */
class JmsStoreTest {

    @TempDir
    Path data;

    private EmbeddedJms jms;
    private JmsStreams streams;

    @BeforeEach
    void start() {
        jms = EmbeddedJms.start(data);
        streams = jms.streams();
    }

    @AfterEach
    void stop() {
        jms.close();
    }

    @Test
    void addListDeleteFlush() {
        Message a = Message.builder().text("a").tag("t", "1").build();
        Message b = Message.builder().id("it's-b").text("b").build();
        Message c = Message.ofText("c");
        try (Store store = streams.store("parked")) {
            store.add(a);
            store.add(b);
            store.add(c);
            assertEquals(List.of(a.id(), b.id(), c.id()), store.list().stream().map(Message::id).toList());
            assertEquals("1", store.list().get(0).tag("t"));
            assertTrue(store.delete(b));
            assertFalse(store.delete(b));
            assertEquals(List.of("a", "c"), store.list().stream().map(Message::text).toList());
            assertEquals(2, store.flush());
            assertEquals(List.of(), store.list());
        }
    }

    @Test
    void aClosedStoreRefusesWork() {
        Store store = streams.store("shut");
        store.close();
        assertThrows(StreamClosedException.class, () -> store.add(Message.ofText("x")));
    }

    @Test
    void sendAllRoutesEveryMessageInOrder() throws Exception {
        List<Message> batch = List.of(Message.ofText("1"), Message.ofText("2"), Message.ofText("3"));
        try (Producer p = streams.producer("atomic")) {
            p.send(Message.ofText("0"));
            p.sendAll(batch).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        try (Store view = streams.store("atomic")) {
            assertEquals(List.of("0", "1", "2", "3"), view.list().stream().map(Message::text).toList());
        }
    }

    @Test
    void sendAllWithOneOversizedMessageSendsNone() throws Exception {
        List<Message> batch = List.of(Message.ofText("ok"), Message.of(new byte[2048]));
        try (Producer p = streams.producer("atomic2", ProducerOptions.DEFAULTS.withMaxMessageBytes(1024))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.sendAll(batch));
            assertTrue(e.getMessage().contains("2048"), e.getMessage());
        }
        try (Store view = streams.store("atomic2")) {
            assertEquals(List.of(), view.list());
        }
    }
}
