package io.tributary.cdi;

import io.tributary.broker.Broker;
import io.tributary.stream.Message;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * Makes {@code @Inject Broker<Message> broker} work: the application-wide batching broker that
 * {@link TributaryRuntime#broker()} creates from the {@code tributary.batching-broker.*} keys and
 * closes before the transport it runs on.
 */
@Dependent
public class BrokerBeans {

    @Inject
    TributaryRuntime runtime;

    @Produces
    Broker<Message> broker() {
        return runtime.broker();
    }
}
