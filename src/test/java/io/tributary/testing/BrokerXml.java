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
 * <p>Each edit fails with an {@link IllegalStateException} naming the file when the generated
 * file does not have the expected shape (e.g. after an Artemis upgrade), instead of silently
 * leaving the default in place. Not thread-safe; used once per created instance.
 */
final class BrokerXml {

    private static final Pattern ACCEPTORS = Pattern.compile("<acceptors>.*?</acceptors>", Pattern.DOTALL);
    private static final String CATCH_ALL = "<address-setting match=\"#\">";

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
        int at = xml.indexOf(CATCH_ALL);
        if (at < 0) {
            throw new IllegalStateException("no " + CATCH_ALL + " element in " + file);
        }
        int end = at + CATCH_ALL.length();
        return xml.substring(0, end)
                + "\n            <max-delivery-attempts>-1</max-delivery-attempts>"
                + xml.substring(end);
    }
}
