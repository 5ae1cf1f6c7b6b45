package io.tributary.stream.jms;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.testing.EmbeddedJms;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link QueueBacklog} on an embedded broker: backlog reads leave no temporary queue behind, and a reply
 * that does not answer the current request (late, or for another queue) is never taken as its answer.
 */
class QueueBacklogTest {

    @TempDir
    Path data;

    private EmbeddedJms jms;
    private EmbeddedArtemis broker;
    private JmsStreams streams;

    @BeforeEach
    void start() {
        jms = EmbeddedJms.start(data);
        broker = jms.broker();
        streams = jms.streams();
    }

    @AfterEach
    void stop() {
        jms.close();
    }

    @Test
    void manyBacklogCallsLeaveNoTemporaryQueuesAndAnswerPerQueue() throws Exception {
        send("backlog-a", 3);
        send("backlog-b", 1);
        long before = temporaryQueues();
        for (int i = 0; i < 200; i++) {
            assertEquals(3, streams.backlog("backlog-a"), "call " + i);
            assertEquals(1, streams.backlog("backlog-b"), "call " + i);
            assertEquals(0, streams.backlog("backlog-empty"), "call " + i);
        }
        assertTrue(temporaryQueues() <= before, "temporary queues before " + before + ", after 600 backlog calls "
                + temporaryQueues());
    }

    @Test
    void aReplyToAnotherRequestIsNeverTakenAsTheAnswer() throws Exception {
        send("backlog-c", 2);
        long before = temporaryQueues();
        Connection connection = ArtemisConnections.connectionFactory(broker.connectionUrl()).createConnection();
        try (connection; QueueBacklog backlog = QueueBacklog.of(connection, "backlog-c")) {
            connection.start();
            assertEquals(2, backlog.count());
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer stale = session.createProducer(backlog.replyQueue());
            TextMessage late = session.createTextMessage("[999]");
            late.setBooleanProperty(ManagementHelper.HDR_OPERATION_SUCCEEDED.toString(), true);
            late.setJMSCorrelationID("an-earlier-request");
            stale.send(late);
            assertEquals(2, backlog.count(), "a late reply to an earlier request was read as the answer");
            assertEquals(2, backlog.count());
        }
        assertEquals(before, temporaryQueues(), "closing the reader deletes its reply queue");
    }

    private void send(String stream, int n) throws Exception {
        try (Producer p = streams.producer(stream)) {
            for (int i = 0; i < n; i++) {
                p.send(Message.ofText("m" + i)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
    }

    private long temporaryQueues() throws Exception {
        List<String> names = List.of(broker.server().getActiveMQServerControl().getQueueNames());
        return names.stream().map(n -> broker.server().locateQueue(n)).filter(q -> q != null && q.isTemporary())
                .count();
    }
}
