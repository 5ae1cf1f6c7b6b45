package io.tributary.cdi;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an injected {@code EventStream}:
 * {@code @Inject @Events(owner = "billing", name = "ledger", types = {"credited", "debited"}) EventStream ledger;}.
 * Every injection point with the same owner and name gets the application's one instance of that stream
 * (on the configured transport: Artemis, or in memory with {@code tributary.transport=memory}); it must be
 * declared with the same types and retention everywhere. The application's Tributary runtime closes it
 * when the application stops: do not close it yourself.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Events {

    /** The owning application's identity, matching {@link io.tributary.stream.StreamName#PATTERN}. */
    @Nonbinding
    String owner();

    /** The stream's name within its owner, matching {@link io.tributary.stream.StreamName#PATTERN}. */
    @Nonbinding
    String name();

    /** The event types the stream carries (each matching {@link io.tributary.eventstream.NewEvent#TYPE_PATTERN}). */
    @Nonbinding
    String[] types();

    /** The most events kept (1 to {@link io.tributary.eventstream.Retention#MAX_EVENTS}). */
    @Nonbinding
    long maxEvents() default 100_000;

    /** Events older than this many seconds are dropped; 0 keeps them until {@link #maxEvents()} pushes them out. */
    @Nonbinding
    long maxAgeSeconds() default 0;
}
