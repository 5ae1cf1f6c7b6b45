package io.tributary.eventstream.jms;

import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerMessagePlugin;
import org.apache.activemq.artemis.core.transaction.Transaction;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A broker plugin that kills, once, the connection of whoever sends an event to a retained queue inside
 * a transaction that already holds another one, from the {@code n}-th such send on: the active sequencer
 * dies in the middle of its transaction, with events of it already sent and its commit not yet made.
 */
final class SequencerKiller implements ActiveMQServerMessagePlugin {

    private final int killAt;
    private final AtomicInteger sends = new AtomicInteger();
    private final AtomicReference<String> killed = new AtomicReference<>();
    private final Map<Long, Integer> perTransaction = new ConcurrentHashMap<>();

    SequencerKiller(int killAt) {
        this.killAt = killAt;
    }

    @Override
    public void beforeSend(ServerSession session, Transaction tx, Message message, boolean direct, boolean noAutoCreateQueue)
            throws ActiveMQException {
        if (tx == null || !message.getAddress().endsWith(".retained")) {
            return;
        }
        int sentInThisTransaction = perTransaction.merge(tx.getID(), 1, Integer::sum);
        if (sends.incrementAndGet() < killAt || sentInThisTransaction < 2 || killed.get() != null) {
            return;
        }
        killed.set(session.getName());
        Thread killer = new Thread(() -> session.getRemotingConnection().fail(new ActiveMQException("killed by the test")));
        killer.start();
        try {
            killer.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ActiveMQException("the sequencer's connection was killed mid-transaction");
    }

    /** The name of the session killed, or null if none was yet. */
    String killedSession() {
        return killed.get();
    }
}
