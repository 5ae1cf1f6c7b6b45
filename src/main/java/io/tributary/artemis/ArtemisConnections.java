package io.tributary.artemis;

import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds Artemis JMS connection factories from a broker URL.
 *
 * <p>The URL is the Artemis client's: {@code tcp://host:port}, {@code vm://id}, or a list such as
 * {@code (tcp://a:61616,tcp://b:61616)?ha=true}, with client parameters as query parameters. Parameters
 * the URL does not set get Tributary's defaults ({@link #DEFAULTS}): above all
 * {@code confirmationWindowSize}, without which the Artemis client completes an asynchronous send at
 * once instead of when the broker confirms it; and reconnection without end (every 0.5 s growing to
 * 30 s) with blocked calls giving up after 30 s, so a broker restart is survived and never hangs a
 * caller forever; and a connection TTL of {@value #DEFAULT_CONNECTION_TTL_MILLIS} ms with a ping every
 * {@value #DEFAULT_CLIENT_FAILURE_CHECK_MILLIS} ms (Artemis: 60 s and 30 s), so the broker gives a dead
 * client's unsettled messages to other consumers after about 10 s instead of a minute, and a client
 * notices a silent broker after 5 s; and a producer window of {@value #DEFAULT_PRODUCER_WINDOW_BYTES} bytes
 * (Artemis: 64 KiB), so that a producer with many sends in flight does not stop every 64 messages of 1 KiB to
 * ask the broker for credits (measured: confirmed sends of 1 KiB 1.6-1.7x faster, see docs/benchmarks.md). A
 * larger window lets a producer send that much more before the broker's flow control stops it: under an
 * address-full policy of {@code BLOCK} an address can go over its {@code max-size-bytes} by up to one window per
 * producer. Values in the URL win over the defaults.
 *
 * <p>Credentials are passed in, never read here; a URL is only ever shown {@link #redact redacted}.
 * Thread safety: stateless.
 */
public final class ArtemisConnections {

    /** The URL parameter that makes asynchronous sends wait for the broker. */
    public static final String CONFIRMATION_WINDOW = "confirmationWindowSize";
    /** The confirmation window used when the URL sets none. */
    public static final int DEFAULT_CONFIRMATION_WINDOW_BYTES = 1 << 20;

    /** The producer window (bytes of sends the broker grants credits for at once) when the URL sets none. */
    public static final int DEFAULT_PRODUCER_WINDOW_BYTES = 1 << 20;

    /** How long the broker keeps a silent client's connection, and its deliveries, by default. */
    public static final int DEFAULT_CONNECTION_TTL_MILLIS = 10_000;
    /** How often the client pings, and how long it waits for data before it reconnects, by default. */
    public static final int DEFAULT_CLIENT_FAILURE_CHECK_MILLIS = 5_000;

    /** The client parameters added to a URL that does not set them. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)([A-Za-z]*password=)[^&;,)\\s]*");
    private static final Pattern USER_INFO = Pattern.compile("://[^/@?&,()\\s]+@");
    private static final Pattern SCHEME = Pattern.compile("^\\(?(tcp|vm|udp|jgroups)://.+");
    private static final String ALLOWED = "use an Artemis client URL such as tcp://host:61616, vm://0 or"
            + " (tcp://host1:61616,tcp://host2:61616)?ha=true";

    private ArtemisConnections() {
    }

    /**
     * A connection factory for {@code url}, with the default parameters the URL does not set.
     *
     * @param user     the user, or {@code null} for none
     * @param password the password, or {@code null} for none
     * @throws IllegalArgumentException naming the URL and what is allowed, if it cannot be parsed
     */
    public static ActiveMQConnectionFactory connectionFactory(String url, String user, String password) {
        String full = withDefaults(url);
        ActiveMQConnectionFactory factory;
        try {
            factory = new ActiveMQConnectionFactory(full);
        } catch (RuntimeException e) {
            throw invalid(url, rootMessage(e));
        }
        checkConnectors(url, factory);
        if (user != null) {
            factory.setUser(user);
            factory.setPassword(password);
        }
        return factory;
    }

    /** A connection factory for {@code url} without credentials. */
    public static ActiveMQConnectionFactory connectionFactory(String url) {
        return connectionFactory(url, null, null);
    }

    /**
     * The URL with every {@link #DEFAULTS default} it does not set appended.
     *
     * @throws IllegalArgumentException if the URL is null, blank or of an unknown scheme
     */
    public static String withDefaults(String url) {
        if (url == null || url.isBlank() || !SCHEME.matcher(url.strip()).matches()) {
            throw invalid(url, "unknown or missing scheme");
        }
        StringBuilder full = new StringBuilder(url.strip());
        boolean hasQuery = full.indexOf("?") >= 0;
        for (Map.Entry<String, String> p : DEFAULTS.entrySet()) {
            if (!Pattern.compile("[?&]" + p.getKey() + "=").matcher(full).find()) {
                full.append(hasQuery ? '&' : '?').append(p.getKey()).append('=').append(p.getValue());
                hasQuery = true;
            }
        }
        return full.toString();
    }

    /**
     * The URL as it may be logged or shown: the value of every {@code *password=} parameter and any user
     * info ({@code user:password@}) replaced by {@code ***}. {@code null} stays {@code null}.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String noParameters = SECRET_PARAMETER.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(noParameters).replaceAll("://***@");
    }

    private static void checkConnectors(String url, ActiveMQConnectionFactory factory) {
        TransportConfiguration[] connectors = factory.getStaticConnectors();
        if (connectors == null) {
            return;
        }
        for (TransportConfiguration c : connectors) {
            if (!NettyConnectorFactory.class.getName().equals(c.getFactoryClassName())) {
                continue;
            }
            Object host = c.getParams().get(TransportConstants.HOST_PROP_NAME);
            Object port = c.getParams().get(TransportConstants.PORT_PROP_NAME);
            if (host == null || port == null || !port.toString().matches("[0-9]{1,5}")
                    || Integer.parseInt(port.toString()) < 1 || Integer.parseInt(port.toString()) > 65_535) {
                throw invalid(url, "host '" + host + "' and port '" + port + "' are not a host name and a port 1 to"
                        + " 65535");
            }
        }
    }

    private static IllegalArgumentException invalid(String url, String why) {
        return new IllegalArgumentException("broker URL '" + redact(url) + "' is not allowed (" + redact(why) + "): "
                + ALLOWED);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put(CONFIRMATION_WINDOW, Integer.toString(DEFAULT_CONFIRMATION_WINDOW_BYTES));
        d.put("producerWindowSize", Integer.toString(DEFAULT_PRODUCER_WINDOW_BYTES));
        d.put("reconnectAttempts", "-1");
        d.put("retryInterval", "500");
        d.put("retryIntervalMultiplier", "2.0");
        d.put("maxRetryInterval", "30000");
        d.put("callTimeout", "30000");
        d.put("callFailoverTimeout", "30000");
        d.put("connectionTTL", Integer.toString(DEFAULT_CONNECTION_TTL_MILLIS));
        d.put("clientFailureCheckPeriod", Integer.toString(DEFAULT_CLIENT_FAILURE_CHECK_MILLIS));
        return Collections.unmodifiableMap(d);
    }
}
