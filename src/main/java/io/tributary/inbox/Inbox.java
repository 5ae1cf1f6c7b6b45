package io.tributary.inbox;

import io.tributary.stream.Message;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * An inbox table that makes a handler idempotent without a distributed transaction: the handler's
 * database work and a row with the message id commit in one local database transaction, and the
 * message is acked after that commit.
 *
 * <pre>{@code
 * Inbox inbox = new Inbox(dataSource, "orders_inbox");
 * for (Message m : consumer.receive()) {
 *     inbox.handleOnce("orders", m, connection -> insertOrder(connection, m));  // one database commit
 *     consumer.ack(m);                                                          // after it
 * }
 * }</pre>
 *
 * <p><b>Guarantee.</b> For each (stream, message id) the work commits at most once, whatever the
 * redeliveries: a crash after the database commit and before the ack delivers the message again, and
 * {@link #handleOnce} then finds its row, skips the work and returns {@code false}, so the caller only
 * acks. Two deliveries handled at the same time by two consumers are serialised by the table's primary
 * key: the second waits for the first's transaction and then skips. The message id is the one Tributary
 * keeps across redeliveries and retries ({@link Message#id()}); a producer that sends the same business
 * event twice under two ids makes two messages.
 *
 * <p><b>What it costs.</b> One insert per message in the handler's transaction, and a table that grows by
 * one row per message: delete old rows (column {@code handled_at}) after longer than a message can take to
 * be redelivered. Use JTA ({@code docs/container-managed.md}) instead when the server has XA resources and
 * the handler's effects cannot be made idempotent this way (sends to other systems in the same step).
 *
 * <p>Thread-safe: each call uses a connection of its own from the data source.
 */
public final class Inbox {

    /** The table names allowed: an SQL identifier without quoting. */
    public static final String TABLE_PATTERN = "[A-Za-z_][A-Za-z0-9_]{0,62}";
    /** The longest stream name or message id the table holds. */
    public static final int MAX_KEY_LENGTH = 255;

    private static final Pattern TABLE = Pattern.compile(TABLE_PATTERN);
    /** SQLSTATE class of integrity constraint violations (a duplicate key is 23505 in PostgreSQL, 23505 or 23000 elsewhere). */
    private static final String INTEGRITY_VIOLATION = "23";

    private final DataSource database;
    private final String table;

    /**
     * @param table the inbox table's name
     * @throws IllegalArgumentException if the name is not an identifier matching {@value #TABLE_PATTERN}
     */
    public Inbox(DataSource database, String table) {
        this.database = Objects.requireNonNull(database, "database must not be null");
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("inbox table name '" + table + "' is not allowed: use " + TABLE_PATTERN);
        }
        this.table = table;
    }

    /** The database work of a handler, on the connection of the inbox's transaction (do not commit it). */
    @FunctionalInterface
    public interface Work {
        /** Does the work. */
        void run(Connection connection) throws Exception;
    }

    /**
     * Creates the table if it does not exist ({@code CREATE TABLE IF NOT EXISTS}: PostgreSQL, H2, MySQL,
     * MariaDB; for other databases create it with the statement this method runs).
     */
    public void createTable() throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (stream VARCHAR(" + MAX_KEY_LENGTH + ") NOT NULL,"
                    + " message_id VARCHAR(" + MAX_KEY_LENGTH + ") NOT NULL, handled_at TIMESTAMP DEFAULT"
                    + " CURRENT_TIMESTAMP NOT NULL, PRIMARY KEY (stream, message_id))");
        }
    }

    /**
     * Runs {@code work} and records {@code message} as handled, in one database transaction, unless it was
     * recorded before.
     *
     * @return true if the work ran and committed; false if the message was handled already (nothing ran)
     * @throws IllegalArgumentException if the stream name or message id is longer than {@value #MAX_KEY_LENGTH}
     * @throws Exception what the work threw, or the database's failure: the transaction was rolled back, the
     *         message is not recorded
     */
    public boolean handleOnce(String stream, Message message, Work work) throws Exception {
        checkLength("stream name", stream);
        checkLength("message id", message.id());
        try (Connection c = database.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (!record(c, stream, message.id())) {
                    c.rollback();
                    return false;
                }
                work.run(c);
                c.commit();
                return true;
            } catch (Exception | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** Inserts the row; false if it exists (the key is taken). */
    private boolean record(Connection c, String stream, String id) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (stream, message_id) VALUES (?, ?)")) {
            insert.setString(1, stream);
            insert.setString(2, id);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith(INTEGRITY_VIOLATION)) {
                return false;
            }
            throw e;
        }
    }

    private static void checkLength(String what, String value) {
        Objects.requireNonNull(value, what + " must not be null");
        if (value.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException(what + " of " + value.length() + " characters is too long for the inbox:"
                    + " at most " + MAX_KEY_LENGTH);
        }
    }
}
