package it.io.tributary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.stream.Consumer;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.Streams;
import io.tributary.testing.Deadlines;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Tributary beside what a server already runs, through the Artemis resource adapter on Liberty: a plain
 * MDB ({@link InteropMdb}) receives what a Tributary producer sends, body, key (as {@code JMSXGroupID})
 * and tags intact; a plain JMS sender using the server's {@code jms/cf} is read by a Tributary consumer;
 * a Tributary consumer and the MDB on one queue share its messages, each delivered once, none lost.
 */
@ExtendWith({RaBroker.class, ArquillianExtension.class})
class MdbInteropIT {

    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
    private static final String MDB_QUEUE = "it-interop";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Deployment
    static WebArchive deployment() {
        return ContainerManagedIT.containerManaged(MdbInteropIT.class, InteropMdb.class, InteropMdb.Received.class)
                .addAsWebInfResource(new StringAsset("""
                        <?xml version="1.0" encoding="UTF-8"?>
                        <ejb-jar-bnd xmlns="http://websphere.ibm.com/xml/ns/javaee" version="1.2">
                            <message-driven name="InteropMdb">
                                <jca-adapter activation-spec-binding-name="jms/interopSpec"/>
                            </message-driven>
                        </ejb-jar-bnd>
                        """), "ibm-ejb-jar-bnd.xml");
    }

    @Inject
    Streams streams;

    @Resource(lookup = "jms/cf")
    ConnectionFactory serverFactory;

    @Test
    void aPlainMdbReceivesWhatATributaryProducerSends() throws Exception {
        String body = "order-" + RUN;
        try (Producer producer = streams.producer(MDB_QUEUE)) {
            producer.send(Message.builder().id("mdb-" + RUN).key("customer-7").tag("region", "emea").text(body).build())
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        Deadlines.await(() -> InteropMdb.received().stream().anyMatch(r -> r.body().equals(body)), DEADLINE,
                "the MDB never received " + body + ": " + InteropMdb.received());
        InteropMdb.Received got = InteropMdb.received().stream().filter(r -> r.body().equals(body)).findFirst().orElseThrow();
        assertEquals("customer-7", got.groupId(), "the key arrives as JMSXGroupID");
        assertEquals("emea", got.properties().get("region"), "the tag arrives as a string property: " + got.properties());
    }

    @Test
    void aPlainJmsSenderOnTheServersFactoryIsReadByATributaryConsumer() throws Exception {
        String stream = "it-interop-in-" + RUN;
        try (Consumer consumer = streams.consumer(stream)) {
            try (Connection c = serverFactory.createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer p = s.createProducer(s.createQueue(stream));
                p.send(s.createTextMessage("plain " + RUN));
            }
            List<Message> got = new ArrayList<>();
            Deadlines.await(() -> {
                got.addAll(receive(consumer));
                return !got.isEmpty();
            }, DEADLINE, "the Tributary consumer never got the plain JMS message");
            assertEquals("plain " + RUN, got.get(0).text());
        }
    }

    @Test
    void aTributaryConsumerAndAnMdbShareAQueueWithoutLoss() throws Exception {
        int count = 300;
        String prefix = "share-" + RUN + "-";
        Set<String> byTributary = new HashSet<>();
        List<String> byTributaryAll = new ArrayList<>();
        try (Consumer consumer = streams.consumer(MDB_QUEUE); Producer producer = streams.producer(MDB_QUEUE)) {
            receive(consumer);   // in container-managed mode a consumer opens its JMS consumer at its first receive
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sends.add(producer.send(Message.builder().id(prefix + i).text(prefix + i).build()).toCompletableFuture());
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            Deadlines.await(() -> {
                for (Message m : receive(consumer)) {
                    byTributaryAll.add(m.text());
                    byTributary.add(m.text());
                }
                return byTributary.size() + byMdb(prefix).size() >= count;
            }, DEADLINE, "not every message arrived");
        }
        List<String> mdb = byMdb(prefix);
        Set<String> all = new HashSet<>(byTributary);
        all.addAll(mdb);
        assertEquals(count, all.size(), "every message reached the Tributary consumer or the MDB");
        assertEquals(count, byTributaryAll.size() + mdb.size(), "each exactly once");
        assertTrue(!byTributary.isEmpty() && !mdb.isEmpty(),
                "both consumers took a share: Tributary " + byTributary.size() + ", MDB " + mdb.size());
    }

    private static List<String> byMdb(String prefix) {
        return InteropMdb.received().stream().map(InteropMdb.Received::body).filter(b -> b.startsWith(prefix)).toList();
    }

    private static List<Message> receive(Consumer consumer) {
        try {
            List<Message> batch = consumer.receive(100, Duration.ofMillis(200));
            batch.forEach(consumer::ack);
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
