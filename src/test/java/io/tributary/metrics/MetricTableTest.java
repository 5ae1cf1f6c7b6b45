package io.tributary.metrics;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/observability.md's metrics table is the one {@link MetricTable} prints from {@link StreamMeter}. */
class MetricTableTest {

    @Test
    void readmeDocumentsEveryMetricAsDeclared() throws IOException {
        String readme = Files.readString(Path.of("docs/observability.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(MetricTable.markdown()),
                "docs/observability.md's metrics table differs from StreamMeter: paste the output of MetricTable.main");
    }
}
