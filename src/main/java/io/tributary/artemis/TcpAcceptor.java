package io.tributary.artemis;

/**
 * The TCP acceptor of an {@link EmbeddedArtemis} broker: a port on 127.0.0.1 and the one user every
 * client (the application's own in-VM connection included) must log in as, since opening a port turns
 * the broker's security on. Immutable; {@link #toString()} never shows the password.
 *
 * @param port     1 to 65535
 * @param user     not blank
 * @param password at least {@value #MIN_PASSWORD_LENGTH} characters
 */
public record TcpAcceptor(int port, String user, String password) {

    /** The shortest password accepted. */
    public static final int MIN_PASSWORD_LENGTH = 12;

    /**
     * @throws IllegalArgumentException naming the bad value (never the password) and what is allowed
     */
    public TcpAcceptor {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("TCP port " + port + " is not allowed: use 1 to 65535");
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("the embedded broker's TCP acceptor on port " + port + " needs a user:"
                    + " set tributary.embedded.user (and tributary.embedded.password) from the environment");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the embedded broker's TCP acceptor on port " + port + " needs a"
                    + " password of at least " + MIN_PASSWORD_LENGTH + " characters for user '" + user + "': set"
                    + " tributary.embedded.password from the environment");
        }
    }

    @Override
    public String toString() {
        return "tcp://127.0.0.1:" + port + " (user " + user + ")";
    }
}
