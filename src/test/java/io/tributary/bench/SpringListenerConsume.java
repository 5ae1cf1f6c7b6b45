package io.tributary.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

/**
 * Spring JMS {@link DefaultMessageListenerContainer} draining a filled queue with {@code sessionTransacted}
 * (each message committed on its own, as the container does) and a fixed number of concurrent consumers; the
 * listener reads each body. Measured from {@code start()} until the last message was handled. Runs on a
 * quarter of the messages, since it is about 30 times slower than batched commits.
 */
final class SpringListenerConsume implements Scenario {

    private final int consumers;

    SpringListenerConsume(int consumers) {
        this.consumers = consumers;
    }

    @Override
    public String system() {
        return "spring-dmlc";
    }

    @Override
    public String scenario() {
        return "consume-transacted-" + consumers + "c";
    }

    @Override
    public String baseline() {
        return "consume-transacted";
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        int count = Math.max(1, bench.count() / 4);
        String queue = bench.filledQueue(count);
        CountDownLatch handled = new CountDownLatch(count);
        DefaultMessageListenerContainer container = new DefaultMessageListenerContainer();
        container.setConnectionFactory(bench.factory());
        container.setDestinationName(queue);
        container.setSessionTransacted(true);
        container.setConcurrentConsumers(consumers);
        container.setMaxConcurrentConsumers(consumers);
        container.setMessageListener((jakarta.jms.MessageListener) m -> {
            try {
                m.getBody(byte[].class);
            } catch (jakarta.jms.JMSException e) {
                throw new IllegalStateException(e);
            }
            handled.countDown();
        });
        container.afterPropertiesSet();
        try {
            long start = System.nanoTime();
            container.start();
            if (!handled.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("Spring container handled " + (count - handled.getCount()) + " of " + count);
            }
            return Measurement.rate(count, start).withNote(consumers + " consumers, sessionTransacted (commit per message), "
                    + count + " messages");
        } finally {
            container.shutdown();
        }
    }
}
