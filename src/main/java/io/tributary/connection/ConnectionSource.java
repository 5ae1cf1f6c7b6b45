package io.tributary.connection;

import jakarta.jms.ConnectionFactory;

import java.util.Optional;

/**
 * The origin of every JMS connection Tributary opens: one per application, chosen from the configuration
 * when the application starts ({@link ConnectionSources#open}).
 *
 * <p>{@link #factory()} is the only way in: producers, consumers, stores, the batching broker, event
 * streams, fan-in sources and connector channels all open their connections from it, so none of them
 * depends on where the broker is or who pools the connections. Thread safety: implementations are safe for
 * concurrent use. {@link #close()} releases what the source itself owns (an embedded broker, a thread) and
 * always returns; connections opened from the factory are their openers' to close, before.
 */
public interface ConnectionSource extends AutoCloseable {

    /** The factory every Tributary connection comes from. */
    ConnectionFactory factory();

    /**
     * A factory like {@link #factory()} whose consumers take from the broker only the messages they hand
     * out, nothing ahead (Artemis {@code consumerWindowSize=0}), for consumers that hold a batch for long;
     * a new one per call, which the caller owns. A container's factory is configured by the server (set
     * {@code consumerWindowSize} there): this source returns {@link #factory()} itself.
     */
    ConnectionFactory unbufferedFactory();

    /** Where connections go, for logs and health: never a credential. */
    String description();

    /**
     * Whether connections come from the application server (container-managed mode). Such connections
     * are Jakarta EE connection handles: no client id and no message listeners, and Artemis' core API is
     * out of reach behind the resource adapter (so what needs the broker's management goes through its
     * management address over JMS, in every mode).
     */
    boolean containerManaged();

    /**
     * How connections enlist in the caller's JTA transaction: present for a container's factory when the
     * server has a transaction manager, else empty (Tributary's own transacted batches only).
     */
    default Optional<JtaEnlistment> jta() {
        return Optional.empty();
    }

    /** Releases what this source owns; idempotent, never throws. */
    @Override
    void close();
}
