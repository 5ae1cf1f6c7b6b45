package io.tributary.connection;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.naming.InitialContext;
import javax.naming.NamingException;

import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * JMS work in the caller's JTA transaction, through a container's connection factory whose adapter
 * supports XA (the Artemis resource adapter's {@code transaction-support} is {@code XATransaction}):
 * a connection handle taken on a thread that runs in a JTA transaction is enlisted in it by the server,
 * so what its session receives and sends commits or rolls back with the transaction, together with the
 * database work and every other resource enlisted there (two-phase commit).
 *
 * <p>{@link #session()} opens one such session per transaction, on the caller's thread, and closes it
 * (giving the handle back) after the transaction completed; every Tributary consumer and producer of an
 * application shares it within the transaction. Whether a thread is in a transaction is asked of the
 * server's {@code TransactionSynchronizationRegistry} ({@value #REGISTRY}), the same question the
 * Artemis adapter asks when it decides that a session is an XA one.
 *
 * <p>Thread safety: safe for many threads; each transaction's state belongs to the thread running it.
 */
public final class JtaEnlistment {

    /** Where the server binds its transaction synchronization registry (Jakarta EE). */
    public static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";

    private static final Logger LOG = Logger.getLogger(JtaEnlistment.class.getName());

    private final String name;
    private final ConnectionFactory container;
    private final TransactionSynchronizationRegistry registry;

    /**
     * @param name      the JNDI name of {@code container}, for messages
     * @param container the container's factory, whose handles enlist in the caller's transaction
     * @param registry  the server's registry
     */
    public JtaEnlistment(String name, ConnectionFactory container, TransactionSynchronizationRegistry registry) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.container = Objects.requireNonNull(container, "container must not be null");
        this.registry = Objects.requireNonNull(registry, "registry must not be null");
    }

    /**
     * JTA enlistment through {@code container}, if the server binds a registry at {@value #REGISTRY};
     * empty (Tributary's own transacted batches only) where none is bound.
     */
    static Optional<JtaEnlistment> lookUp(String name, ConnectionFactory container) {
        try {
            return Optional.of(new JtaEnlistment(name, container, InitialContext.doLookup(REGISTRY)));
        } catch (NamingException | ClassCastException | LinkageError e) {
            LOG.log(Level.INFO, "no JTA transaction synchronization registry at " + REGISTRY + ": Tributary's consumers"
                    + " and producers on " + name + " never enlist in JTA transactions (" + e + ")");
            return Optional.empty();
        }
    }

    /** Whether the calling thread runs in a JTA transaction (active, or marked for rollback). */
    public boolean inTransaction() {
        return registry.getTransactionStatus() != Status.STATUS_NO_TRANSACTION;
    }

    /**
     * The state {@code key} bound to the caller's transaction, opened by {@code open} at its first use
     * there; its callbacks run when the transaction completes.
     *
     * @throws IllegalStateException if the caller is not in a transaction
     */
    public <T extends TransactionBound> T bound(Object key, JmsOpener<T> open) throws JMSException {
        checkInTransaction();
        @SuppressWarnings("unchecked")
        T state = (T) registry.getResource(key);
        if (state == null) {
            state = open.open();
            registry.putResource(key, state);
            registry.registerInterposedSynchronization(synchronization(state));
        }
        return state;
    }

    /** The state {@code key} bound to the caller's transaction, if it was {@linkplain #bound bound} there. */
    public <T extends TransactionBound> Optional<T> current(Object key) {
        @SuppressWarnings("unchecked")
        T state = inTransaction() ? (T) registry.getResource(key) : null;
        return Optional.ofNullable(state);
    }

    /**
     * The JMS session enlisted in the caller's transaction: opened on the caller's thread at the first call
     * in the transaction, shared by later calls in it, closed after it completes.
     *
     * @throws IllegalStateException if the caller is not in a transaction
     */
    public Session session() throws JMSException {
        return bound(this, () -> EnlistedSession.open(container)).session();
    }

    /** Marks the caller's transaction for rollback. */
    public void setRollbackOnly() {
        registry.setRollbackOnly();
    }

    /** The name of the container's factory, for messages. */
    public String name() {
        return name;
    }

    /** Opens a transaction's state. */
    @FunctionalInterface
    public interface JmsOpener<T> {
        /** Opens it. */
        T open() throws JMSException;
    }

    private void checkInTransaction() {
        if (!inTransaction()) {
            throw new IllegalStateException("no JTA transaction on this thread: JMS work enlists through " + name
                    + " only inside one");
        }
    }

    private static Synchronization synchronization(TransactionBound state) {
        return new Synchronization() {
            @Override
            public void beforeCompletion() {
                state.beforeCompletion();
            }

            @Override
            public void afterCompletion(int status) {
                try {
                    state.afterCompletion(status == Status.STATUS_COMMITTED);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "after a JTA transaction completed: " + e, e);
                }
            }
        };
    }

    /** A connection handle and its one session, enlisted in the transaction they were opened in. */
    private record EnlistedSession(Connection handle, Session session) implements TransactionBound {

        static EnlistedSession open(ConnectionFactory container) throws JMSException {
            Connection handle = container.createConnection();
            try {
                Session session = handle.createSession(true, Session.SESSION_TRANSACTED);
                handle.start();
                return new EnlistedSession(handle, session);
            } catch (JMSException | RuntimeException e) {
                handle.close();
                throw e;
            }
        }

        @Override
        public void afterCompletion(boolean committed) {
            try {
                handle.close();
            } catch (JMSException e) {
                LOG.log(Level.FINE, "closing a JMS handle after its JTA transaction: " + e, e);
            }
        }
    }
}
