package io.tributary.stream.jms;

import io.tributary.stream.Message;
import io.tributary.stream.Store;

import java.util.List;

/**
 * The {@link Store} that {@link JmsStreams} hands out: a {@link JmsStore} on the live connection, re-opened
 * after the {@link ConnectionSupervisor} re-created it, so a store keeps working across a broker outage.
 * A call made while there is no connection, or caught by the outage, throws a
 * {@link io.tributary.stream.StreamException} and changes nothing (each call is one transaction); the
 * next call after the connection is back runs on the new one. Thread safety: as {@link JmsStore}.
 */
final class SupervisedStore implements Store {

    private final String name;
    private final Reopening<JmsStore> store;
    private final Runnable onClose;

    SupervisedStore(String name, Reopening<JmsStore> store, Runnable onClose) {
        this.name = name;
        this.store = store;
        this.onClose = onClose;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void add(Message message) {
        store.current().add(message);
    }

    @Override
    public boolean delete(Message message) {
        return store.current().delete(message);
    }

    @Override
    public int flush() {
        return store.current().flush();
    }

    @Override
    public List<Message> list() {
        return store.current().list();
    }

    @Override
    public void close() {
        try {
            store.close();
        } finally {
            onClose.run();
        }
    }

    @Override
    public String toString() {
        return "store '" + name + "'";
    }
}
