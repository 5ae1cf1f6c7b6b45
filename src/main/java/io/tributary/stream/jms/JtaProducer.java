package io.tributary.stream.jms;

import io.tributary.connection.JtaEnlistment;
import io.tributary.stream.Message;
import io.tributary.stream.Producer;
import io.tributary.stream.ProducerOptions;
import io.tributary.stream.StreamException;
import io.tributary.stream.support.ForwardingProducer;
import jakarta.jms.JMSException;
import jakarta.jms.Session;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A {@link Producer} whose sends made in a JTA transaction belong to it: sent on the JMS session the server
 * enlisted in the transaction ({@link JtaEnlistment#session()}), they are routed when the transaction
 * commits, together with its database work and acks, and never if it rolls back. Outside a transaction
 * every call goes to the ordinary producer it decorates.
 *
 * <p>In a transaction, {@link #send}, {@link #trySend} and {@link #sendAll} return a stage that is already
 * complete: the send is in the transaction, and its durability is the transaction's commit (a commit
 * that fails rolls it back with everything else). Each message carries its id as the duplicate-detection
 * id, as outside. The in-flight window does not apply (nothing is in flight before the commit);
 * {@link #flush} waits only for the ordinary producer's sends. Thread safety: as {@link Producer}; the
 * transaction's session belongs to the thread running the transaction.
 */
final class JtaProducer extends ForwardingProducer {

    private final ProducerTarget target;
    private final ProducerOptions options;
    private final JtaEnlistment jta;

    JtaProducer(Producer outside, ProducerTarget target, ProducerOptions options, JtaEnlistment jta) {
        super(outside);
        this.target = target;
        this.options = options;
        this.jta = jta;
    }

    @Override
    public CompletionStage<Void> send(Message message) throws InterruptedException {
        return jta.inTransaction() ? sendAll(List.of(message)) : delegate().send(message);
    }

    @Override
    public Optional<CompletionStage<Void>> trySend(Message message) {
        return jta.inTransaction() ? Optional.of(inTransaction(List.of(message))) : delegate().trySend(message);
    }

    @Override
    public CompletionStage<Void> sendAll(List<Message> messages) throws InterruptedException {
        return jta.inTransaction() ? inTransaction(messages) : delegate().sendAll(messages);
    }

    private CompletionStage<Void> inTransaction(List<Message> messages) {
        options.checkBatch(messages);
        try {
            Session session = jta.session();
            try (var producer = target.producer(session)) {
                for (Message m : messages) {
                    target.send(producer, session, m);
                }
            }
            return CompletableFuture.completedFuture(null);
        } catch (JMSException e) {
            throw new StreamException("send of " + messages.size() + " message(s) by " + target.owner()
                    + " in the JTA transaction failed: " + e + " (roll the transaction back or send again)", e);
        }
    }
}
