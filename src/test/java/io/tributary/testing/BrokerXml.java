package io.tributary.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the {@code etc/broker.xml} that {@code artemis create} generated, so the broker suits
 * Tributary's integration tests.
 *
 * <ul>
 *   <li>The acceptors are replaced by a single CORE acceptor on {@code 127.0.0.1:port}: no AMQP, MQTT,
 *       STOMP, HornetQ or OpenWire clients, nothing reachable from another host.</li>
 *   <li>The catch-all address setting ({@code #}) gets {@code max-delivery-attempts = -1}: the broker
 *       never dead-letters a message on its own, because Tributary's consumer does its own
 *       dead-lettering and tests must see exactly what it decided.</li>
 * </ul>
 *
 * <p>On request, before the broker starts: {@link #limitAddress} gives the addresses matching a pattern
 * a memory limit and an address-full policy (BLOCK, PAGE, FAIL, DROP), {@link #grant} gives a role
 * some permissions on every address, and {@link #include} adds a fragment of configuration (an HA policy).
 *
 * <p>Each edit fails with an {@link IllegalStateException} naming the file when the generated
 * file does not have the expected shape (e.g. after an Artemis upgrade), instead of silently
 * leaving the default in place. Not thread-safe; used once per created instance.
 */
final class BrokerXml {

    private static final Pattern JOURNAL_TYPE = Pattern.compile("<journal-type>(\\w+)</journal-type>");
    private static final Pattern BUFFER_TIMEOUT = Pattern.compile("<journal-buffer-timeout>(\\d+)</journal-buffer-timeout>");
    private static final Pattern ACCEPTORS = Pattern.compile("<acceptors>.*?</acceptors>", Pattern.DOTALL);
    private static final String CORE_END = "</core>";
    private static final String CATCH_ALL = "<address-setting match=\"#\">";
    private static final Pattern POLICY = Pattern.compile("BLOCK|PAGE|FAIL|DROP");
    private static final Pattern MATCH = Pattern.compile("[A-Za-z0-9._#*-]{1,200}");
    private static final Pattern PERMISSION = Pattern.compile("createNonDurableQueue|deleteNonDurableQueue|"
            + "createDurableQueue|deleteDurableQueue|createAddress|deleteAddress|consume|browse|send|manage");

    private final Path file;

    BrokerXml(Path file) {
        this.file = file;
    }

    /** Applies both edits described in the class comment, for an acceptor on {@code port}. */
    void adaptForTests(int port) throws IOException {
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        xml = coreAcceptorOnly(xml, port);
        xml = neverDeadLetter(xml);
        Files.writeString(file, xml, StandardCharsets.UTF_8);
    }

    /**
     * Limits the addresses matching {@code match} to {@code maxBytes} of messages in memory; past it the
     * broker applies {@code policy}. Paging writes pages of 1 MiB.
     */
    void limitAddress(String match, long maxBytes, String policy) throws IOException {
        if (!MATCH.matcher(match).matches() || !POLICY.matcher(policy).matches() || maxBytes < 1) {
            throw new IllegalArgumentException("address limit " + match + " " + maxBytes + " " + policy
                    + " is not allowed: use a match of " + MATCH + ", a positive size and one of " + POLICY);
        }
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        int at = xml.indexOf(CATCH_ALL);
        if (at < 0) {
            throw new IllegalStateException("no " + CATCH_ALL + " element in " + file);
        }
        String setting = "<address-setting match=\"" + match + "\">\n"
                + "            <max-delivery-attempts>-1</max-delivery-attempts>\n"
                + "            <max-size-bytes>" + maxBytes + "</max-size-bytes>\n"
                + "            <page-size-bytes>1048576</page-size-bytes>\n"
                + "            <address-full-policy>" + policy + "</address-full-policy>\n"
                + "         </address-setting>\n         ";
        Files.writeString(file, xml.substring(0, at) + setting + xml.substring(at), StandardCharsets.UTF_8);
    }

    /** Inserts {@code fragment} (elements of {@code <core>}) at the end of the {@code <core>} element. */
    void include(String fragment) throws IOException {
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        int at = xml.lastIndexOf(CORE_END);
        if (at < 0) {
            throw new IllegalStateException("no " + CORE_END + " element end in " + file);
        }
        Files.writeString(file, xml.substring(0, at) + fragment + "\n   " + xml.substring(at), StandardCharsets.UTF_8);
    }

    /** Adds {@code role} to each of {@code permissions} of the catch-all security setting. */
    void grant(String role, Iterable<String> permissions) throws IOException {
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        for (String permission : permissions) {
            if (!PERMISSION.matcher(permission).matches() || !role.matches("[a-z]{1,30}")) {
                throw new IllegalArgumentException("permission " + permission + " for role " + role
                        + " is not allowed: use one of " + PERMISSION + " and a role of a-z");
            }
            Matcher m = Pattern.compile("<permission type=\"" + permission + "\" roles=\"([^\"]*)\"/>").matcher(xml);
            if (!m.find()) {
                throw new IllegalStateException("no " + permission + " permission in " + file);
            }
            xml = m.replaceFirst(Matcher.quoteReplacement("<permission type=\"" + permission + "\" roles=\""
                    + m.group(1) + "," + role + "\"/>"));
        }
        Files.writeString(file, xml, StandardCharsets.UTF_8);
    }

    private String coreAcceptorOnly(String xml, int port) {
        Matcher matcher = ACCEPTORS.matcher(xml);
        if (!matcher.find()) {
            throw new IllegalStateException("no <acceptors> element in " + file);
        }
        String acceptor = "<acceptors>\n         <acceptor name=\"core\">tcp://127.0.0.1:" + port
                + "?protocols=CORE;tcpSendBufferSize=1048576;tcpReceiveBufferSize=1048576;useEpoll=true</acceptor>\n"
                + "      </acceptors>";
        return matcher.replaceFirst(Matcher.quoteReplacement(acceptor));
    }

    private String neverDeadLetter(String xml) {
        return intoCatchAll(xml, "<max-delivery-attempts>-1</max-delivery-attempts>");
    }

    /**
     * The journal type and buffer timeout the file configures, e.g. {@code NIO, journal-buffer-timeout 84000 ns}
     * ("default" for an element the file leaves out).
     */
    String journal() throws IOException {
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        Matcher type = JOURNAL_TYPE.matcher(xml);
        Matcher timeout = BUFFER_TIMEOUT.matcher(xml);
        return (type.find() ? type.group(1) : "default") + ", journal-buffer-timeout "
                + (timeout.find() ? timeout.group(1) + " ns" : "default");
    }

    /**
     * Sets the catch-all address setting's {@code redistribution-delay} to 0: in a cluster, messages
     * waiting on a node without consumers move at once to a node with some.
     */
    void redistributeAtOnce() throws IOException {
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        Files.writeString(file, intoCatchAll(xml, "<redistribution-delay>0</redistribution-delay>"), StandardCharsets.UTF_8);
    }

    private String intoCatchAll(String xml, String element) {
        int at = xml.indexOf(CATCH_ALL);
        if (at < 0) {
            throw new IllegalStateException("no " + CATCH_ALL + " element in " + file);
        }
        int end = at + CATCH_ALL.length();
        return xml.substring(0, end) + "\n            " + element + xml.substring(end);
    }
}
