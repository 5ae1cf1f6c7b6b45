package io.tributary.cdi;

import io.tributary.stream.Consumer;
import io.tributary.stream.Producer;
import io.tributary.stream.Store;
import io.tributary.stream.Streams;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;

/**
 * Producer methods for {@code @Inject Streams} and {@code @Inject @Stream("name") Producer / Consumer /
 * Store}. Producers, consumers and stores are dependent: one per injection point, closed with the bean
 * that holds it. A consumer belongs to one thread (see {@link Consumer}).
 */
@Dependent
public class StreamBeans {

    @Inject
    TributaryRuntime runtime;

    @Produces
    Streams streams() {
        return runtime.streams();
    }

    @Produces
    @Stream("")
    Producer producer(InjectionPoint ip) {
        return runtime.streams().producer(name(ip));
    }

    @Produces
    @Stream("")
    Consumer consumer(InjectionPoint ip) {
        return runtime.streams().consumer(name(ip));
    }

    @Produces
    @Stream("")
    Store store(InjectionPoint ip) {
        return runtime.streams().store(name(ip));
    }

    void close(@Disposes @Stream("") Producer producer) {
        producer.close();
    }

    void close(@Disposes @Stream("") Consumer consumer) {
        consumer.close();
    }

    void close(@Disposes @Stream("") Store store) {
        store.close();
    }

    private static String name(InjectionPoint ip) {
        return ip.getQualifiers().stream().filter(Stream.class::isInstance).map(Stream.class::cast)
                .findFirst().orElseThrow().value();
    }
}
