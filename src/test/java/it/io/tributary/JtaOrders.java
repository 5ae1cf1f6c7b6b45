package it.io.tributary;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * JtaIT's handler: in one JTA transaction ({@code @Transactional}) it receives one message from a Tributary
 * consumer, writes a row for it to PostgreSQL through the server's XA datasource, sends a confirmation with
 * a Tributary producer, and then settles the message as the test asks, or throws.
 */
@ApplicationScoped
public class JtaOrders {

    /** What the handler does after writing its row and sending its confirmation. */
    public enum Ending { ACK, NACK, THROW, LEAVE_UNSETTLED }

    @Resource(lookup = "jdbc/tributary-it")
    DataSource database;

    /** Creates the table of handled messages if it is missing. */
    public void createTable() throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS handled (id VARCHAR(200) NOT NULL, attempt INT NOT NULL,"
                    + " PRIMARY KEY (id, attempt))");
        }
    }

    /**
     * Receives at most one message in a transaction, writes its row, sends its confirmation and ends as
     * asked; the message handled, if one came.
     */
    @Transactional
    public Optional<Message> handle(Consumer in, Producer confirmations, Ending ending) throws Exception {
        List<Message> batch = in.receive(1, Duration.ofSeconds(2));
        if (batch.isEmpty()) {
            return Optional.empty();
        }
        Message m = batch.get(0);
        try (Connection c = database.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO handled (id, attempt) VALUES (?, ?)")) {
            insert.setString(1, m.id());
            insert.setInt(2, m.deliveryAttempt());
            insert.executeUpdate();
        }
        confirmations.send(Message.builder().text("handled " + m.id()).build());
        switch (ending) {
            case ACK -> in.ack(m);
            case NACK -> in.nack(m, "the handler nacked it");
            case THROW -> throw new IllegalStateException("the handler failed on " + m.id());
            case LEAVE_UNSETTLED -> { }
        }
        return Optional.of(m);
    }

    /** The attempts whose rows are committed for message {@code id}, in order. */
    public List<Integer> rows(String id) throws SQLException {
        try (Connection c = database.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT attempt FROM handled WHERE id = ? ORDER BY attempt")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                List<Integer> attempts = new ArrayList<>();
                while (rs.next()) {
                    attempts.add(rs.getInt(1));
                }
                return attempts;
            }
        }
    }
}
