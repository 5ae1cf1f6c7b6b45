package it.io.tributary;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.Streams;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * JtaRecoveryIT's application, on a Liberty server the test kills with {@code kill -9}: it sends to a
 * stream, and handles one message per request in a JTA transaction ({@code UserTransaction})
 * that writes a row to PostgreSQL through the XA datasource {@code jdbc/crash} and acks the message. On a
 * message's first attempt it can stop, logging {@value #WRITTEN} (after the row was written, before the
 * commit) and then waiting, at most {@value #HOLD_MINUTES} minutes, for the test to kill the server; or it can
 * stop in the commit phase, after every participant prepared ({@link JtaCrashHold}).
 */
@Path("crash")
@ApplicationScoped
public class JtaCrashResource {

    /** Logged when a handler wrote its row and holds its transaction open. */
    public static final String WRITTEN = "JTA-CRASH row written, transaction open: ";
    /** The longest a held transaction waits for the kill. */
    public static final int HOLD_MINUTES = 5;

    private static final Logger LOG = Logger.getLogger(JtaCrashResource.class.getName());

    @Inject
    Streams streams;

    @Resource
    UserTransaction transaction;

    @Resource(lookup = "jdbc/crash")
    DataSource database;

    private final Map<String, Consumer> consumers = new HashMap<>();
    private final Map<String, Producer> producers = new HashMap<>();

    private synchronized Consumer in(String stream) {
        return consumers.computeIfAbsent(stream, streams::consumer);
    }

    private synchronized Producer out(String stream) {
        return producers.computeIfAbsent(stream, streams::producer);
    }

    @PreDestroy
    synchronized void close() {
        consumers.values().forEach(Consumer::close);
        producers.values().forEach(Producer::close);
    }

    /** Sends {@code text} (outside any transaction); returns the message id once the broker has it. */
    @POST
    @Path("send")
    public String send(@QueryParam("stream") String stream, String text) throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS crash (id VARCHAR(200) NOT NULL, attempt INT NOT NULL,"
                    + " PRIMARY KEY (id, attempt))");
        }
        Message m = Message.ofText(text);
        out(stream).send(m).toCompletableFuture().get(30, TimeUnit.SECONDS);
        return m.id();
    }

    /**
     * Handles at most one message in a transaction; holds it open after the row if {@code hold} and this is
     * the message's first attempt. Returns "id attempt", or 204 when nothing came.
     */
    @POST
    @Path("handle")
    public Response handle(@QueryParam("stream") String stream, @QueryParam("hold") boolean hold,
            @QueryParam("holdInCommit") boolean holdInCommit) throws Exception {
        transaction.setTransactionTimeout((int) TimeUnit.MINUTES.toSeconds(HOLD_MINUTES + 1));
        transaction.begin();
        try {
            JtaCrashHold inCommit = new JtaCrashHold();
            if (holdInCommit) {
                enlistFirst(inCommit);
            }
            List<Message> batch = in(stream).receive(1, Duration.ofSeconds(2));
            if (batch.isEmpty()) {
                transaction.commit();
                return Response.noContent().build();
            }
            Message m = batch.get(0);
            inCommit.holding(m.id());
            try (Connection c = database.getConnection();
                    PreparedStatement insert = c.prepareStatement("INSERT INTO crash (id, attempt) VALUES (?, ?)")) {
                insert.setString(1, m.id());
                insert.setInt(2, m.deliveryAttempt());
                insert.executeUpdate();
            }
            if (hold && m.deliveryAttempt() == 1) {
                LOG.info(WRITTEN + m.id());
                TimeUnit.MINUTES.sleep(HOLD_MINUTES);
            }
            in(stream).ack(m);
            transaction.commit();
            return Response.ok(m.id() + " " + m.deliveryAttempt()).build();
        } catch (Exception | Error e) {
            if (transaction.getStatus() != jakarta.transaction.Status.STATUS_NO_TRANSACTION) {
                transaction.rollback();
            }
            throw e;
        }
    }

    /**
     * Enlists {@code participant} in the current transaction before anything else, so the transaction
     * manager asks it to commit first. Applications have no standard way to enlist a resource: this asks
     * Liberty's transaction manager (an IBM API class visible to applications), by reflection.
     */
    private static void enlistFirst(JtaCrashHold participant) throws Exception {
        TransactionManager manager = (TransactionManager) Class.forName("com.ibm.tx.jta.TransactionManagerFactory")
                .getMethod("getTransactionManager").invoke(null);
        if (!manager.getTransaction().enlistResource(participant)) {
            throw new IllegalStateException("the transaction manager refused the participant");
        }
    }

    /** The committed attempts of message {@code id}, space-separated. */
    @GET
    @Path("rows")
    public String rows(@QueryParam("id") String id) throws Exception {
        List<String> attempts = new ArrayList<>();
        try (Connection c = database.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT attempt FROM crash WHERE id = ? ORDER BY attempt")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    attempts.add(Integer.toString(rs.getInt(1)));
                }
            }
        }
        return String.join(" ", attempts);
    }

    /** The stream's backlog. */
    @GET
    @Path("backlog")
    public String backlog(@QueryParam("stream") String stream) {
        return Long.toString(streams.backlog(stream));
    }
}
