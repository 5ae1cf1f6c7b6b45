package io.tributary.connection;

import io.tributary.config.ConfigKey;
import jakarta.jms.ConnectionFactory;
import javax.naming.InitialContext;
import javax.naming.NamingException;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Container-managed mode: connections from the JMS connection factory the application server binds at a
 * JNDI name ({@code tributary.connection-factory}), typically the Artemis resource adapter's, so the
 * server's pool, credentials and transaction manager are used.
 *
 * <p>The name is resolved once, at construction: a name that does not resolve, or resolves to anything
 * but a {@code jakarta.jms.ConnectionFactory}, fails with an {@link IllegalStateException} naming the
 * name and what was found, which fails the deployment. The factory is wrapped in a
 * {@link ContainerConnectionFactory}, which gives every session a connection handle of its own (Jakarta EE
 * allows one session per handle), and, where the server binds a transaction synchronization registry,
 * offers {@link #jta() enlistment} in the caller's JTA transaction. Thread-safe; {@link #close()} stops the wrapper's allocation thread.
 */
public final class JndiConnectionSource implements ConnectionSource {

    private final String name;
    private final ContainerConnectionFactory factory;
    private final Optional<JtaEnlistment> jta;

    /**
     * Looks {@code name} up.
     *
     * @throws IllegalStateException if it does not resolve or is not a JMS connection factory
     */
    public JndiConnectionSource(String name) {
        this.name = name;
        ConnectionFactory container = lookup(name);
        this.factory = new ContainerConnectionFactory(name, container);
        this.jta = JtaEnlistment.lookUp(name, container);
    }

    static ConnectionFactory lookup(String name) {
        Object found;
        try {
            found = InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException(ConfigKey.CONNECTION_FACTORY.key() + "=" + name + " does not resolve in"
                    + " JNDI (" + e + "): define a connection factory with jndiName=\"" + name + "\" in the server"
                    + " configuration (docs/container-managed.md), or leave the key empty", e);
        }
        if (found instanceof ConnectionFactory factory) {
            return factory;
        }
        throw new IllegalStateException(ConfigKey.CONNECTION_FACTORY.key() + "=" + name + " resolves to " + shown(found)
                + ", which is not a jakarta.jms.ConnectionFactory (as seen by this application): name a JMS"
                + " connection factory, such as the Artemis resource adapter's <connectionFactory>");
    }

    private static String shown(Object found) {
        if (found == null) {
            return "null";
        }
        String interfaces = Arrays.stream(found.getClass().getInterfaces()).map(Class::getName)
                .collect(Collectors.joining(", "));
        return "a " + found.getClass().getName() + (interfaces.isEmpty() ? "" : " (implementing " + interfaces + ")");
    }

    @Override
    public ConnectionFactory factory() {
        return factory;
    }

    @Override
    public ConnectionFactory unbufferedFactory() {
        return factory;
    }

    @Override
    public Optional<JtaEnlistment> jta() {
        return jta;
    }

    @Override
    public String description() {
        return "the container's connection factory " + name;
    }

    @Override
    public boolean containerManaged() {
        return true;
    }

    @Override
    public void close() {
        factory.close();
    }
}
