package io.tributary.connection;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import java.util.Objects;

/**
 * A {@link ConnectionFactory} over a container-managed one (a Jakarta EE server's, such as the Artemis
 * resource adapter's), for code written against ordinary JMS connections with many sessions.
 *
 * <p>{@link #createConnection()} first proves that the container's factory gives a working transacted
 * session (so an unreachable broker, or a factory refusing local transactions, fails here with the
 * container's message, and a {@code ConnectionSupervisor} keeps retrying with backoff), then returns a
 * {@link SessionHandles} connection: each of its sessions holds a connection handle of its own, taken from
 * the container's pool and given back when the session closes. Handles are taken on
 * {@link HandleAllocator}'s thread, never the caller's, so a session that outlives a caller's JTA
 * transaction is never enlisted in it. Credentials are the container's: the two-argument methods are
 * refused. Thread-safe; {@link #close()} stops the allocation thread.
 */
public final class ContainerConnectionFactory implements ConnectionFactory, AutoCloseable {

    private final String name;
    private final ConnectionFactory container;
    private final HandleAllocator allocator;

    /**
     * @param name      the JNDI name of {@code container}, for messages
     * @param container the container's factory
     */
    public ContainerConnectionFactory(String name, ConnectionFactory container) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.container = Objects.requireNonNull(container, "container must not be null");
        this.allocator = new HandleAllocator(name);
    }

    @Override
    public Connection createConnection() throws JMSException {
        allocator.call(() -> {
            try (Connection probe = container.createConnection()) {
                probe.createSession(true, Session.SESSION_TRANSACTED).close();
            }
            return null;
        });
        return new SessionHandles(name, container, allocator);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        throw credentialsRefused();
    }

    @Override
    public JMSContext createContext() {
        return container.createContext();
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        throw new jakarta.jms.IllegalStateRuntimeException(credentialsRefused().getMessage());
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        throw new jakarta.jms.IllegalStateRuntimeException(credentialsRefused().getMessage());
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return container.createContext(sessionMode);
    }

    /** Stops the allocation thread; connections already open stay usable until closed. */
    @Override
    public void close() {
        allocator.close();
    }

    private jakarta.jms.IllegalStateException credentialsRefused() {
        return new jakarta.jms.IllegalStateException("the container's connection factory " + name
                + " uses the credentials of the server configuration; connecting with others is not allowed");
    }
}
