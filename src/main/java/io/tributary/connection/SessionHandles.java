package io.tributary.connection;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.JMSException;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A JMS {@link Connection} whose every session holds a connection handle of its own from a container's
 * factory (Jakarta EE allows one session per handle): {@link #createSession} takes a handle, opens the
 * session on it and returns that session, whose {@code close()} also gives the handle back to the pool.
 *
 * <p>{@link #start()} starts every handle, present and future; {@link #close()} closes every open session
 * and handle. When taking a handle or opening a session fails, the {@linkplain #setExceptionListener
 * exception listener} hears of it (the pool or the broker is in trouble, so whoever supervises this
 * connection re-creates it) and the caller gets the failure. What a container-managed connection cannot
 * do is refused with a {@link jakarta.jms.IllegalStateException} that says so: a client id,
 * {@link #stop()}, connection consumers. Thread-safe.
 */
final class SessionHandles implements Connection {

    private final String name;
    private final ConnectionFactory container;
    private final HandleAllocator allocator;
    private final Set<Connection> handles = new LinkedHashSet<>();
    private boolean started;
    private boolean closed;
    private volatile ExceptionListener listener;

    SessionHandles(String name, ConnectionFactory container, HandleAllocator allocator) {
        this.name = name;
        this.container = container;
        this.allocator = allocator;
    }

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        Connection handle;
        Session session;
        try {
            handle = allocator.call(container::createConnection);
        } catch (JMSException e) {
            failed(e);
            throw e;
        }
        try {
            session = allocator.call(() -> handle.createSession(transacted, acknowledgeMode));
            register(handle);
        } catch (JMSException | RuntimeException e) {
            closeQuietly(handle);
            if (e instanceof JMSException jms) {
                failed(jms);
            }
            throw e;
        }
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        try {
                            session.close();
                        } finally {
                            release(handle);
                        }
                        return null;
                    }
                    try {
                        return method.invoke(session, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return createSession(sessionMode == Session.SESSION_TRANSACTED, sessionMode);
    }

    @Override
    public Session createSession() throws JMSException {
        return createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @Override
    public String getClientID() {
        return null;
    }

    @Override
    public void setClientID(String clientID) throws JMSException {
        throw refused("a client id (" + clientID + ")", "use a shared subscription");
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        return allocator.call(() -> {
            try (Connection c = container.createConnection()) {
                return c.getMetaData();
            }
        });
    }

    @Override
    public ExceptionListener getExceptionListener() {
        return listener;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        this.listener = listener;
    }

    @Override
    public void start() throws JMSException {
        List<Connection> now;
        synchronized (this) {
            checkOpen();
            started = true;
            now = new ArrayList<>(handles);
        }
        for (Connection c : now) {
            c.start();
        }
    }

    @Override
    public void stop() throws JMSException {
        throw refused("stopping delivery", "close the sessions instead");
    }

    @Override
    public void close() {
        List<Connection> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(handles);
            handles.clear();
        }
        open.forEach(SessionHandles::closeQuietly);
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
            ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
            String messageSelector, ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    private void register(Connection handle) throws JMSException {
        boolean start;
        synchronized (this) {
            checkOpen();
            handles.add(handle);
            start = started;
        }
        if (start) {
            handle.start();
        }
    }

    private void release(Connection handle) {
        synchronized (this) {
            handles.remove(handle);
        }
        closeQuietly(handle);
    }

    private synchronized void checkOpen() throws JMSException {
        if (closed) {
            throw new jakarta.jms.IllegalStateException("this connection from " + name + " is closed");
        }
    }

    private void failed(JMSException e) {
        ExceptionListener l = listener;
        if (l != null) {
            l.onException(e);
        }
    }

    private jakarta.jms.IllegalStateException refused(String what, String instead) {
        return new jakarta.jms.IllegalStateException(what + " is not available on connections from the container's"
                + " connection factory " + name + " (Jakarta EE forbids it there): " + instead);
    }

    private jakarta.jms.IllegalStateException connectionConsumers() {
        return refused("a connection consumer", "use a message-driven bean or a session's consumer");
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (JMSException | RuntimeException ignored) {
            // the handle goes back to the pool, or the pool destroys it; either way it is not ours any more
        }
    }
}
