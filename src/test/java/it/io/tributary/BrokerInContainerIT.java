package it.io.tributary;

import io.tributary.broker.Batch;
import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConsumer;
import io.tributary.broker.BrokerProducer;
import io.tributary.broker.ProducerConfig;
import io.tributary.stream.Message;
import io.tributary.stream.Streams;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Inside Liberty: the batching broker injected by CDI is the JMS one, and publish -> get -> ack works. */
@ExtendWith(ArquillianExtension.class)
class BrokerInContainerIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.application(BrokerInContainerIT.class);
    }

    @Inject
    Broker<Message> broker;

    @Inject
    Streams streams;

    @Test
    void injectedJmsBrokerDeliversBatchesAndReportsAcks() throws Exception {
        AtomicInteger acked = new AtomicInteger();
        BrokerProducer<Message> producer = broker.producer(ProducerConfig.<Message>none().withOnAck(acked::addAndGet));
        for (int i = 0; i < 5; i++) {
            producer.publish(Message.ofText("event " + i));
        }
        assertEquals(5, streams.backlog("broker"), "the default batching broker keeps its events on the JMS queue 'broker'");
        List<String> got = new ArrayList<>();
        BrokerConsumer<Message> consumer = broker.consumer();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (got.size() < 5 && System.nanoTime() < deadline) {
            Batch<Message> batch = consumer.get(10, Duration.ofMillis(500));
            batch.events().forEach(m -> got.add(m.text()));
            batch.ack();
        }
        consumer.close();
        assertEquals(List.of("event 0", "event 1", "event 2", "event 3", "event 4"), got);
        long ackDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (acked.get() < 5 && System.nanoTime() < ackDeadline) {
            Thread.sleep(10);
        }
        assertEquals(5, acked.get(), "ACK callbacks sum to what was published");
    }
}
