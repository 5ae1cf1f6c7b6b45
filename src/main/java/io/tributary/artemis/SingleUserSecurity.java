package io.tributary.artemis;

import org.apache.activemq.artemis.core.security.CheckType;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManager;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * The security manager of an embedded broker with a TCP acceptor: exactly one user, who may do
 * everything (send, consume, manage); everyone else, including a client without credentials, is refused.
 * Passwords are compared in constant time. Thread-safe (immutable).
 */
final class SingleUserSecurity implements ActiveMQSecurityManager {

    private final String user;
    private final byte[] expected;

    SingleUserSecurity(TcpAcceptor acceptor) {
        this.user = acceptor.user();
        this.expected = acceptor.password().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean validateUser(String user, String password) {
        return user != null && password != null && this.user.equals(user)
                && MessageDigest.isEqual(expected, password.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean validateUserAndRole(String user, String password, Set<Role> roles, CheckType checkType) {
        return validateUser(user, password);
    }
}
