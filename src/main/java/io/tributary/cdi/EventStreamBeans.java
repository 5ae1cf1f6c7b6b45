package io.tributary.cdi;

import io.tributary.eventstream.EventStream;
import io.tributary.eventstream.Retention;
import io.tributary.eventstream.StreamIdentity;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Set;

/**
 * Makes {@code @Inject @Events(...) EventStream} work: resolves the declaration at the injection point to the
 * application's shared stream from {@link TributaryRuntime#eventStream}. A bad declaration (owner or name off
 * the pattern, an unknown type pattern, a retention out of range, or one that differs from an earlier
 * declaration of the same stream) fails the injection with a message naming the bad value.
 */
@Dependent
public class EventStreamBeans {

    @Inject
    TributaryRuntime runtime;

    @Produces
    @Events(owner = "", name = "", types = {})
    EventStream eventStream(InjectionPoint ip) {
        Events declared = ip.getQualifiers().stream().filter(Events.class::isInstance).map(Events.class::cast)
                .findFirst().orElseThrow();
        if (declared.maxAgeSeconds() < 0) {
            throw new IllegalArgumentException("@Events maxAgeSeconds " + declared.maxAgeSeconds()
                    + " is not allowed: use 0 (no age limit) or a positive number of seconds");
        }
        Retention retention = Retention.ofCount(declared.maxEvents());
        if (declared.maxAgeSeconds() > 0) {
            retention = retention.withMaxAge(Duration.ofSeconds(declared.maxAgeSeconds()));
        }
        return runtime.eventStream(new StreamIdentity(declared.owner(), declared.name()), Set.of(declared.types()),
                retention);
    }
}
