package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.testing.Deadlines;
import io.tributary.testing.LibertyProcess;
import io.tributary.testing.PostgresProcess;
import io.tributary.testing.TestPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a Liberty server in the middle of a JTA transaction that holds a database row and a
 * Tributary ack: the server (a process of its own, {@link LibertyProcess}, with the Artemis resource
 * adapter as liberty/artemis-ra.xml ships it, PostgreSQL as an XA datasource, and its transaction log in
 * its server directory) is killed after the handler wrote its row and before the commit; after a restart
 * with transaction recovery, the row and the ack are either both there or both not, never one without the
 * other, and the message is then handled exactly once. Killed inside the two-phase commit (every participant
 * prepared, the decision logged, a participant of the test holding the commit phase open), the restarted
 * server's recovery commits the database's and the broker's prepared branches: the row and the ack both.
 */
@ExtendWith({RaBroker.class, JtaDatabase.class})
class JtaRecoveryIT {

    private static final int HTTP_PORT = TestPorts.shifted(62280);
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String SERVER_XML = """
            <server description="JtaRecoveryIT: killed with kill -9 mid-transaction">
                <featureManager>
                    <feature>cdi-4.0</feature>
                    <feature>mpConfig-3.1</feature>
                    <feature>restfulWS-3.1</feature>
                    <feature>jdbc-4.3</feature>
                </featureManager>
                <include location="artemis-ra.xml"/>
                <variable name="artemis.host" value="127.0.0.1"/>
                <variable name="artemis.port" value="%d"/>
                <httpEndpoint id="defaultHttpEndpoint" host="127.0.0.1" httpPort="%d" httpsPort="-1"/>
                <applicationManager autoExpand="true"/>
                <transaction recoverOnStartup="true"/>
                <library id="postgresql"><file name="%s"/></library>
                <dataSource id="crashDatabase" jndiName="jdbc/crash" type="javax.sql.XADataSource">
                    <jdbcDriver libraryRef="postgresql"/>
                    <properties.postgresql serverName="127.0.0.1" portNumber="%d" databaseName="postgres" user="tributary"/>
                </dataSource>
            </server>
            """;

    @TempDir
    Path archives;

    @Test
    void aKillBetweenTheRowAndTheCommitLeavesNeitherAndTheMessageIsHandledOnceAfterRecovery() throws Exception {
        try (LibertyProcess liberty = server()) {
            String id = call("POST", "/jta-crash/crash/send?stream=crash-before-commit", "order 1").body();
            CompletableFuture<HttpResponse<String>> held = CLIENT.sendAsync(request("POST",
                    "/jta-crash/crash/handle?stream=crash-before-commit&hold=true", null), HttpResponse.BodyHandlers.ofString());
            liberty.awaitLog(JtaCrashResource.WRITTEN + id, DEADLINE);
            liberty.kill();
            held.handle((r, e) -> null).join();

            restart(liberty);
            assertEquals("", call("GET", "/jta-crash/crash/rows?id=" + id, null).body(),
                    "no row: the transaction never committed");
            assertEquals(id + " 2", handleUntilOne("crash-before-commit"), "the message came back with attempt + 1 and was handled");
            assertEquals("2", call("GET", "/jta-crash/crash/rows?id=" + id, null).body(), "one row, of the second attempt");
            assertNothingLeft("crash-before-commit");
        }
    }

    @Test
    void aKillInTheCommitPhaseAfterPrepareLeavesBothAfterRecovery() throws Exception {
        try (LibertyProcess liberty = server()) {
            String id = call("POST", "/jta-crash/crash/send?stream=crash-in-commit", "order 2").body();
            CompletableFuture<HttpResponse<String>> held = CLIENT.sendAsync(request("POST",
                    "/jta-crash/crash/handle?stream=crash-in-commit&holdInCommit=true", null), HttpResponse.BodyHandlers.ofString());
            liberty.awaitLog(JtaCrashHold.IN_COMMIT + id, DEADLINE);
            int inDoubt = preparedInDatabase();
            assertTrue(inDoubt > 0, "the database's branch is prepared, in doubt, when the server is killed");
            liberty.kill();
            held.handle((r, e) -> null).join();

            restart(liberty);
            Deadlines.await(() -> preparedInDatabase() == 0, DEADLINE, () -> "recovery resolved the database's"
                    + " prepared transaction(s): " + preparedInDatabase() + " left (" + inDoubt + " at the kill)");
            assertEquals("1", call("GET", "/jta-crash/crash/rows?id=" + id, null).body(),
                    "the row of the committed transaction (" + inDoubt + " prepared branch(es) in the database at the kill)");
            assertNothingLeft("crash-in-commit");
        }
    }

    /** The ack committed with the row: nothing to handle, nothing waiting. */
    private static void assertNothingLeft(String stream) throws InterruptedException {
        Deadlines.await(() -> call("GET", "/jta-crash/crash/backlog?stream=" + stream, null).body().equals("0"), DEADLINE,
                () -> "the stream's backlog: " + call("GET", "/jta-crash/crash/backlog?stream=" + stream, null).body());
        assertEquals(204, call("POST", "/jta-crash/crash/handle?stream=" + stream, null).statusCode(),
                "nothing left to handle");
    }

    /** The crash application's server, started. */
    private LibertyProcess server() throws Exception {
        Path arquillianServer = Path.of(System.getProperty("arquillian.wlp.home"), "usr/servers",
                System.getProperty("arquillian.server.name"));
        String xml = SERVER_XML.formatted(RaBroker.port(), HTTP_PORT,
                arquillianServer.resolve("jdbc/postgresql.jar"), JtaDatabase.port());
        LibertyProcess liberty = LibertyProcess.create("jta-crash-h" + HTTP_PORT, xml);
        try {
            Files.copy(Path.of("liberty/artemis-ra.xml"), liberty.directory().resolve("artemis-ra.xml"));
            Files.copy(arquillianServer.resolve("artemis-ra.rar"), liberty.directory().resolve("artemis-ra.rar"));
            liberty.deploy(war()).start(Map.of(), DEADLINE);
            liberty.awaitLog("CWWKZ0001I: Application jta-crash started", DEADLINE);
            return liberty;
        } catch (Exception | Error e) {
            liberty.close();
            throw e;
        }
    }

    private static void restart(LibertyProcess liberty) throws Exception {
        liberty.start(Map.of(), DEADLINE);
        liberty.awaitLog("CWWKZ0001I: Application jta-crash started", DEADLINE);
    }

    /** How many two-phase transactions PostgreSQL holds prepared (in doubt). */
    private static int preparedInDatabase() {
        String url = "jdbc:postgresql://127.0.0.1:" + JtaDatabase.port() + "/postgres";
        try (Connection c = DriverManager.getConnection(url, PostgresProcess.USER, "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_prepared_xacts")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot ask PostgreSQL for its prepared transactions: " + e, e);
        }
    }

    private String handleUntilOne(String stream) throws Exception {
        String[] handled = new String[1];
        Deadlines.await(() -> {
            HttpResponse<String> r = call("POST", "/jta-crash/crash/handle?stream=" + stream, null);
            if (r.statusCode() == 200) {
                handled[0] = r.body();
            }
            assertTrue(r.statusCode() == 200 || r.statusCode() == 204, "handle answered " + r.statusCode() + ": " + r.body());
            return handled[0] != null;
        }, DEADLINE, "the message was never handled after the restart");
        return handled[0];
    }

    private Path war() {
        Path file = archives.resolve("jta-crash.war");
        LibraryArchives.application("jta-crash", "tributary.connection-factory=jms/tributary\n"
                + "tributary.redelivery.initial-delay-ms=100\n", JtaCrashApplication.class, JtaCrashResource.class,
                JtaCrashHold.class)
                .as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    private static HttpRequest request(String method, String path, String body) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + path))
                .timeout(Duration.ofSeconds(60)).method(method, publisher).build();
    }

    private static HttpResponse<String> call(String method, String path, String body) {
        try {
            return CLIENT.send(request(method, path, body), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }
}
