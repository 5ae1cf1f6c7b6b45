package io.tributary.testing;

import io.tributary.artemis.ArtemisConnections;
import io.tributary.artemis.EmbeddedArtemis;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension, registered as a static field, that runs one embedded Artemis broker (in-VM
 * transport, journal in a fresh temporary directory) for all tests of a class: started before the first,
 * stopped and its journal deleted after the last. {@code @Nested} classes share the outer class's broker.
 */
public final class EmbeddedBroker implements BeforeAllCallback, AfterAllCallback {

    private int classes;
    private Path data;
    private EmbeddedArtemis broker;
    private ConnectionFactory factory;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (classes++ > 0) {
            return;
        }
        data = Files.createTempDirectory("embedded-artemis");
        broker = new EmbeddedArtemis(data);
        broker.start();
        factory = ArtemisConnections.connectionFactory(broker.connectionUrl());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (--classes > 0) {
            return;
        }
        broker.stop();
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A connection factory of the broker. */
    public ConnectionFactory factory() {
        return factory;
    }
}
