package io.tributary.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

/**
 * Spring JMS {@link DefaultMessageListenerContainer} draining a filled queue with {@code sessionTransacted}
 * (each message committed on its own, as the container does) and a fixed number of concurrent consumers; the
 * listener reads each body. Measured from {@code start()} until a quarter of the mode's messages were handled or
 * {@value #QUICK_SECONDS} s (quick) / {@value #FULL_SECONDS} s passed, whichever is first: a commit per message
 * is far slower than batched commits. The rest of the queue is left behind.
 */
final class SpringListenerConsume implements Scenario {

    private static final int QUICK_SECONDS = 4;
    private static final int FULL_SECONDS = 10;

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
            handled.await(bench.quick() ? QUICK_SECONDS : FULL_SECONDS, TimeUnit.SECONDS);
            long done = count - handled.getCount();
            if (done == 0) {
                throw new IllegalStateException("Spring container handled no message of " + count);
            }
            return Measurement.rate(done, start).withNote(consumers + " consumers, sessionTransacted (commit per message), "
                    + done + " messages in the time limit");
        } finally {
            container.shutdown();
        }
    }
}
