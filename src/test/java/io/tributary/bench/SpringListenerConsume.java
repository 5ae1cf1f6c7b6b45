package io.tributary.bench;

import org.springframework.jms.listener.DefaultMessageListenerContainer;

/**
 * Spring JMS {@link DefaultMessageListenerContainer} draining a filled queue with {@code sessionTransacted}
 * (each message committed on its own, as the container does) and a fixed number of concurrent consumers; the
 * listener reads each body. Measured by {@link ListenerProgress} from the first message until a quarter of the
 * mode's messages were handled or {@value #QUICK_SECONDS} s (quick) / {@value #FULL_SECONDS} s passed: a commit
 * per message is far slower than batched commits. The rest of the queue is left behind.
 */
final class SpringListenerConsume extends NamedScenario {

    private static final int QUICK_SECONDS = 4;
    private static final int FULL_SECONDS = 10;

    private final int consumers;

    SpringListenerConsume(int consumers) {
        super("spring-dmlc", "consume-transacted-" + consumers + "c", "consume-transacted");
        this.consumers = consumers;
    }

    @Override
    public Measurement run(Bench bench) throws Exception {
        int count = Math.max(1, bench.count() / 4);
        String queue = bench.filledQueue(count);
        ListenerProgress progress = new ListenerProgress(count);
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
            progress.handled();
        });
        container.afterPropertiesSet();
        try {
            container.start();
            Measurement m = progress.await(bench.quick() ? QUICK_SECONDS : FULL_SECONDS);
            return m.withNote(consumers + " consumers, sessionTransacted (commit per message), " + m.note());
        } finally {
            container.shutdown();
        }
    }
}
