package io.tributary.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.testing.EmbeddedJms;
import io.tributary.testing.PostgresProcess;
import io.tributary.testing.TestPorts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The inbox against a real PostgreSQL 15 (a server process of this test) and real Artemis (embedded): a
 * message delivered again after its database commit, its ack lost, is only acked, never handled twice; work
 * that fails records nothing; bad table names and ids are refused naming them.
 */
class InboxIT {

    private static PostgresProcess database;
    private static Inbox inbox;
    private static PGSimpleDataSource source;

    @BeforeAll
    static void start() throws SQLException {
        database = PostgresProcess.start("inbox", TestPorts.shifted(62271));
        source = new PGSimpleDataSource();
        source.setURL(database.jdbcUrl());
        source.setUser(PostgresProcess.USER);
        inbox = new Inbox(source, "orders_inbox");
        inbox.createTable();
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id VARCHAR(255) NOT NULL, text VARCHAR(255) NOT NULL)");
        }
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aMessageDeliveredAgainAfterItsCommitIsOnlyAcked(@TempDir Path data) throws Exception {
        try (EmbeddedJms jms = EmbeddedJms.start(data); Producer producer = jms.streams().producer("orders")) {
            Message sent = Message.ofText("order 1");
            producer.send(sent).toCompletableFuture().get(30, TimeUnit.SECONDS);
            try (Consumer crashing = jms.streams().consumer("orders")) {
                Message m = crashing.receive(1, Duration.ofSeconds(10)).get(0);
                assertTrue(inbox.handleOnce("orders", m, c -> insertOrder(c, m)));
            }   // closed without the ack: the message goes back, as after a crash between the commit and the ack
            try (Consumer again = jms.streams().consumer("orders")) {
                List<Message> redelivered = again.receive(1, Duration.ofSeconds(10));
                assertEquals(sent.id(), redelivered.get(0).id());
                assertEquals(2, redelivered.get(0).deliveryAttempt());
                assertFalse(inbox.handleOnce("orders", redelivered.get(0), c -> insertOrder(c, redelivered.get(0))),
                        "already handled: the work does not run again");
                again.ack(redelivered.get(0));
                assertEquals(0, again.backlog());
            }
            assertEquals(1, orders(sent.id()), "one order row for the message");
        }
    }

    @Test
    void workThatFailsRecordsNothingAndRunsAgainNextTime() throws Exception {
        Message m = Message.ofText("order 2");
        assertThrows(IllegalStateException.class, () -> inbox.handleOnce("orders", m, c -> {
            insertOrder(c, m);
            throw new IllegalStateException("the handler failed");
        }));
        assertEquals(0, orders(m.id()), "the work's row was rolled back with the inbox row");
        assertTrue(inbox.handleOnce("orders", m, c -> insertOrder(c, m)), "not recorded, so it runs again");
        assertEquals(1, orders(m.id()));
        assertTrue(inbox.handleOnce("payments", m, c -> { }), "the key is the stream and the id");
    }

    @Test
    void badNamesAreRefusedNamingThem() {
        IllegalArgumentException table = assertThrows(IllegalArgumentException.class,
                () -> new Inbox(source, "inbox; DROP TABLE orders"));
        assertTrue(table.getMessage().contains("'inbox; DROP TABLE orders'") && table.getMessage().contains(
                Inbox.TABLE_PATTERN), table.getMessage());
        IllegalArgumentException stream = assertThrows(IllegalArgumentException.class,
                () -> inbox.handleOnce("s".repeat(256), Message.ofText("x"), c -> { }));
        assertTrue(stream.getMessage().contains("256") && stream.getMessage().contains("255"), stream.getMessage());
    }

    private static void insertOrder(Connection c, Message m) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO orders (id, text) VALUES (?, ?)")) {
            insert.setString(1, m.id());
            insert.setString(2, m.text());
            insert.executeUpdate();
        }
    }

    private static int orders(String id) throws SQLException {
        try (Connection c = source.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT count(*) FROM orders WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
