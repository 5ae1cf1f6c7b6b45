package io.tributary.cdi;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the stream of an injected {@code Producer}, {@code Consumer} or {@code Store}:
 * {@code @Inject @Stream("orders") Producer orders;}. Each injection point gets its own instance,
 * closed when the bean it was injected into is destroyed.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Stream {

    /** The stream name, matching {@link io.tributary.stream.StreamName#PATTERN}. */
    @Nonbinding
    String value();
}
