package io.tributary.config;

import io.tributary.stream.GroupCommit;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TributaryConfigTest {

    @Test
    void defaultsNeedNoSetting() {
        TributaryConfig c = TributaryConfig.of(Map.of());
        assertTrue(c.brokerUrl().isEmpty(), "no URL means the embedded broker");
        assertEquals(500, c.consumerOptions().batchSize());
        assertEquals(Duration.ofMillis(5), c.consumerOptions().linger(), "adaptive batching by default");
        assertEquals(1000, c.producerOptions().maxInFlight());
        assertEquals(5, c.consumerOptions().redelivery().maxAttempts());
        assertEquals(0, c.integer(ConfigKey.EMBEDDED_PORT), "the embedded broker opens no port by default");
        assertTrue(c.embeddedAcceptor().isEmpty());
        assertTrue(c.list(ConfigKey.HTTP_STREAMS).isEmpty(), "the HTTP bridge serves no stream by default");
        assertEquals("jms", c.text(ConfigKey.TRANSPORT));
    }

    @Test
    void settingsReachTheOptions() {
        TributaryConfig c = TributaryConfig.of(Map.of("tributary.consumer.batch-size", "250",
                "tributary.consumer.linger-ms", "20", "tributary.redelivery.initial-delay-ms", "10",
                "tributary.producer.send-timeout-ms", "5000",
                "tributary.broker.url", "tcp://127.0.0.1:61617", "unrelated.key", "x"));
        assertEquals(250, c.consumerOptions().batchSize());
        assertEquals(Duration.ofMillis(20), c.consumerOptions().linger());
        assertTrue(c.consumerOptions().adaptiveBatching());
        assertEquals(Duration.ofMillis(10), c.consumerOptions().redelivery().initialDelay());
        assertEquals(Duration.ofSeconds(5), c.producerOptions().sendTimeout());
        assertEquals("tcp://127.0.0.1:61617", c.brokerUrl().orElseThrow());
    }

    @Test
    void groupCommitSettingsReachTheProducerOptions() {
        assertFalse(TributaryConfig.of(Map.of()).producerOptions().groupCommit().enabled(), "off unless asked for");
        TributaryConfig c = TributaryConfig.of(Map.of("tributary.producer.group-commit.max-messages", "200",
                "tributary.producer.group-commit.linger-ms", "3"));
        assertEquals(new GroupCommit(200, Duration.ofMillis(3), GroupCommit.DEFAULT_COMMITTERS),
                c.producerOptions().groupCommit());
        assertEquals(new GroupCommit(200, Duration.ZERO, 8), TributaryConfig.of(Map.of(
                "tributary.producer.group-commit.max-messages", "200",
                "tributary.producer.group-commit.committers", "8")).producerOptions().groupCommit());
        ConfigException committers = assertThrows(ConfigException.class, () -> TributaryConfig.of(Map.of(
                "tributary.producer.group-commit.committers", "0")));
        assertTrue(committers.getMessage().contains("tributary.producer.group-commit.committers='0'")
                && committers.getMessage().contains("1 to 64"), committers.getMessage());
        ConfigException e = assertThrows(ConfigException.class, () -> TributaryConfig.of(Map.of(
                "tributary.producer.group-commit.max-messages", "20000")));
        assertTrue(e.getMessage().contains("tributary.producer.group-commit.max-messages='20000'")
                && e.getMessage().contains("0 to 10000"), e.getMessage());
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        ConfigException e = assertThrows(ConfigException.class, () -> TributaryConfig.of(Map.of(
                "tributary.consumer.batch-size", "-5",
                "tributary.broker.url", "not a url",
                "tributary.consumer.batchsize", "10",
                "tributary.transport", "kafka")));
        assertEquals(4, e.problems().size(), e.getMessage());
        String all = e.getMessage();
        assertTrue(all.contains("tributary.consumer.batch-size='-5'") && all.contains("1 to 10000"), all);
        assertTrue(all.contains("'not a url'"), all);
        assertTrue(all.contains("unknown key tributary.consumer.batchsize"), all);
        assertTrue(all.contains("tributary.transport='kafka'") && all.contains("`jms` or `memory`"), all);
    }

    @Test
    void environmentFormsOfKnownKeysAreAccepted() {
        // what Liberty's environment config source reports for TRIBUTARY_CONSUMER_BATCH_SIZE=50, in both spellings
        Map<String, String> env = Map.of("TRIBUTARY_CONSUMER_BATCH_SIZE", "50", "TRIBUTARY_PRODUCER_MAX_IN_FLIGHT", "7");
        List<String> names = List.of("TRIBUTARY_CONSUMER_BATCH_SIZE", "tributary.consumer.batch.size",
                "TRIBUTARY_PRODUCER_MAX_IN_FLIGHT", "tributary.producer.max.in.flight");
        TributaryConfig c = new TributaryConfig(names,
                key -> Optional.ofNullable(env.get(ConfigKey.environmentForm(key))), name -> true);
        assertEquals(50, c.consumerOptions().batchSize());
        assertEquals(7, c.producerOptions().maxInFlight());
    }

    @Test
    void foreignEnvironmentVariablesAreIgnoredButFileKeysAreChecked() {
        // Kubernetes sets these in every pod of a namespace that has a Service named "tributary"
        List<String> serviceLinks = List.of("TRIBUTARY_SERVICE_HOST", "TRIBUTARY_PORT_80_TCP", "tributary.service.port");
        TributaryConfig c = new TributaryConfig(serviceLinks, key -> Optional.empty(), name -> true);
        assertEquals(Integer.parseInt(ConfigKey.CONSUMER_BATCH_SIZE.defaultValue()), c.consumerOptions().batchSize());

        ConfigException e = assertThrows(ConfigException.class, () -> new TributaryConfig(
                List.of("tributary.consumer.batch.size"), key -> Optional.empty(), name -> false));
        assertTrue(e.getMessage().contains("unknown key tributary.consumer.batch.size: did you mean"
                + " tributary.consumer.batch-size?"), e.getMessage());
    }

    @Test
    void aPasswordIsNeverShown() {
        ConfigException e = assertThrows(ConfigException.class, () -> TributaryConfig.of(Map.of(
                "tributary.broker.password", "s3cret", "tributary.embedded.port", "70000")));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("tributary.embedded.port='70000'"), e.getMessage());
    }

    @Test
    void aBrokerUrlIsShownWithoutItsCredentials() {
        ConfigException e = assertThrows(ConfigException.class, () -> TributaryConfig.of(Map.of(
                "tributary.broker.url", "tcp://app:url-s3cret@broker:port?password=param-s3cret")));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("tributary.broker.url"), e.getMessage());
    }

    @Test
    void anEmbeddedPortNeedsAUserAndAPasswordFromTheConfiguration() {
        ConfigException e = assertThrows(ConfigException.class, () -> TributaryConfig.of(Map.of(
                "tributary.embedded.port", "61616")));
        assertTrue(e.getMessage().contains("tributary.embedded.port=61616")
                && e.getMessage().contains("tributary.embedded.user"), e.getMessage());
        ConfigException tooShort = assertThrows(ConfigException.class, () -> TributaryConfig.of(Map.of(
                "tributary.embedded.port", "61616", "tributary.embedded.user", "app",
                "tributary.embedded.password", "short-pw")));
        assertFalse(tooShort.getMessage().contains("short-pw"), tooShort.getMessage());
        assertTrue(tooShort.getMessage().contains("at least 12"), tooShort.getMessage());
        TributaryConfig ok = TributaryConfig.of(Map.of("tributary.embedded.port", "61616",
                "tributary.embedded.user", "app", "tributary.embedded.password", "long-enough-password"));
        assertEquals(61616, ok.embeddedAcceptor().orElseThrow().port());
    }

    @Test
    void httpUsersNeedLongPasswordsAndDistinctNames() {
        ConfigException e = assertThrows(ConfigException.class, () -> TributaryConfig.of(Map.of(
                "tributary.http.sender.user", "sender", "tributary.http.sender.password", "pw-sender",
                "tributary.http.receiver.password", "receiver-password-1",
                "tributary.http.admin.user", "sender", "tributary.http.admin.password", "admin-password-1")));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertFalse(e.getMessage().contains("pw-sender") || e.getMessage().contains("receiver-password-1")
                || e.getMessage().contains("admin-password-1"), e.getMessage());
        assertTrue(e.getMessage().contains("tributary.http.sender.password=(hidden)"), e.getMessage());
        assertTrue(e.getMessage().contains("tributary.http.receiver.user is empty"), e.getMessage());
        assertTrue(e.getMessage().contains("tributary.http.admin.user='sender'"), e.getMessage());
    }

    @Test
    void theBridgeStreamsAreValidatedNames() {
        ConfigException e = assertThrows(ConfigException.class, () -> TributaryConfig.of(Map.of(
                "tributary.http.streams", "orders, bad name")));
        assertTrue(e.getMessage().contains("tributary.http.streams='orders, bad name'"), e.getMessage());
        assertEquals(List.of("orders", "payments"), TributaryConfig.of(Map.of("tributary.http.streams",
                " orders , payments")).list(ConfigKey.HTTP_STREAMS));
    }

    @Test
    void inconsistentRedeliveryDelaysAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> TributaryConfig.of(Map.of(
                "tributary.redelivery.initial-delay-ms", "5000", "tributary.redelivery.max-delay-ms", "1000")));
        assertTrue(e.getMessage().contains("maxDelay"), e.getMessage());
    }

    @Test
    void aContainerConnectionFactoryIsAJndiNameAndExcludesABrokerUrl() {
        assertEquals("jms/tributary", TributaryConfig.of(Map.of("tributary.connection-factory", "jms/tributary"))
                .connectionFactoryName().orElseThrow());
        assertTrue(TributaryConfig.of(Map.of()).connectionFactoryName().isEmpty());
        ConfigException bad = assertThrows(ConfigException.class,
                () -> TributaryConfig.of(Map.of("tributary.connection-factory", "jms/a b")));
        assertTrue(bad.getMessage().contains("tributary.connection-factory='jms/a b' is not allowed: use a JNDI name"),
                bad.getMessage());
        ConfigException both = assertThrows(ConfigException.class, () -> TributaryConfig.of(Map.of(
                "tributary.connection-factory", "jms/tributary", "tributary.broker.url", "tcp://127.0.0.1:61617")));
        assertTrue(both.getMessage().contains("tributary.connection-factory and tributary.broker.url are both set"),
                both.getMessage());
    }

    @Test
    void readmeDocumentsEveryKeyAsDeclared() throws IOException {
        String readme = Files.readString(Path.of("docs/configuration.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(ConfigTable.markdown()),
                "docs/configuration.md's configuration table differs from ConfigKey: paste the output of ConfigTable.main");
    }
}
