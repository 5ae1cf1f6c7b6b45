package io.tributary.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static io.tributary.config.Manifests.containers;
import static io.tributary.config.Manifests.document;
import static io.tributary.config.Manifests.documents;
import static io.tributary.config.Manifests.list;
import static io.tributary.config.Manifests.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Checks the Kubernetes manifests under {@code k8s/} against the code: every {@code TRIBUTARY_*} variable they
 * set names a declared {@link ConfigKey} with an allowed value, credentials arrive only from a Secret, the probes
 * point at MicroProfile Health's endpoints on the port Liberty listens on, and the image recipe copies files that
 * exist.
 */
class DeploymentManifestsTest {

    private static final Set<String> CREDENTIAL_VARS =
            Set.of("TRIBUTARY_BROKER_USER", "TRIBUTARY_BROKER_PASSWORD", "ARTEMIS_USER", "ARTEMIS_PASSWORD",
                    "ARTEMIS_CLUSTER_PASSWORD",
                    "TRIBUTARY_HTTP_SENDER_USER", "TRIBUTARY_HTTP_SENDER_PASSWORD",
                    "TRIBUTARY_HTTP_RECEIVER_USER", "TRIBUTARY_HTTP_RECEIVER_PASSWORD",
                    "TRIBUTARY_HTTP_ADMIN_USER", "TRIBUTARY_HTTP_ADMIN_PASSWORD");

    @Test
    void configMapSetsOnlyDeclaredKeysWithAllowedValues() throws IOException {
        Map<String, String> env = configMapData();
        Map<String, String> properties = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith("TRIBUTARY_")) {
                ConfigKey key = ConfigKey.ofEnvironment(name);
                assertNotNull(key, name + " in k8s/tributary.yaml matches no tributary.* key");
                properties.put(key.key(), value);
            }
        });
        assertFalse(properties.isEmpty(), "the ConfigMap sets no tributary.* key");
        TributaryConfig config = TributaryConfig.of(properties);
        assertTrue(config.brokerUrl().isPresent(), "on Kubernetes the replicas share an external broker");
        List<String> bridged = config.list(ConfigKey.HTTP_STREAMS);
        assertFalse(bridged.isEmpty(), "the HTTP bridge (http_host=*) serves the streams it lists");
        bridged.forEach(s -> assertFalse(s.endsWith(config.text(ConfigKey.DEAD_LETTER_SUFFIX))
                || s.startsWith("tributary.events.") || s.startsWith("activemq."), s + " is an internal queue"));
    }

    @Test
    void everyHttpBridgeRoleHasItsUserFromTheHttpSecret() throws IOException {
        Map<String, Object> liberty = containers(document("tributary.yaml", "Deployment")).get(0);
        Map<String, String> secretKeys = new HashMap<>();
        for (Map<String, Object> var : list(liberty.get("env"))) {
            Map<String, Object> ref = map(map(var.get("valueFrom")) == null ? null
                    : map(var.get("valueFrom")).get("secretKeyRef"));
            if (ref != null && "tributary-http".equals(ref.get("name"))) {
                secretKeys.put((String) var.get("name"), (String) ref.get("key"));
            }
        }
        for (String role : List.of("SENDER", "RECEIVER", "ADMIN")) {
            for (String part : List.of("USER", "PASSWORD")) {
                String var = "TRIBUTARY_HTTP_" + role + "_" + part;
                assertNotNull(ConfigKey.ofEnvironment(var), var + " names no tributary.* key");
                assertEquals(role.toLowerCase(Locale.ROOT) + "-" + part.toLowerCase(Locale.ROOT), secretKeys.get(var),
                        var + " from the Secret tributary-http");
            }
        }
    }

    @Test
    void theInContainerTestServerRunsWithTheConfigMapsEnvironment() throws IOException {
        Map<String, String> serverEnv = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("src/test/liberty/arquillian/server.env"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                serverEnv.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        configMapData().forEach((name, value) -> {
            if (name.startsWith("TRIBUTARY_") && !name.equals("TRIBUTARY_BROKER_URL")) {
                assertEquals(value, serverEnv.get(name), name + " of k8s/tributary.yaml in the test server's server.env");
            }
        });
    }

    @Test
    void credentialsComeOnlyFromSecrets() throws IOException {
        configMapData().keySet().forEach(name -> assertFalse(CREDENTIAL_VARS.contains(name)
                || name.toUpperCase(Locale.ROOT).contains("PASSWORD"), name + " must come from a Secret"));
        List<Map<String, Object>> envs = new ArrayList<>();
        for (Map<String, Object> doc : documents("tributary.yaml", "artemis.yaml")) {
            for (Map<String, Object> container : containers(doc)) {
                envs.addAll(list(container.get("env")));
            }
        }
        int fromSecret = 0;
        for (Map<String, Object> var : envs) {
            if (CREDENTIAL_VARS.contains((String) var.get("name"))) {
                assertFalse(var.containsKey("value"), var.get("name") + " has a literal value");
                assertNotNull(map(map(var.get("valueFrom")).get("secretKeyRef")), var.get("name") + " not from a Secret");
                fromSecret++;
            }
        }
        assertEquals(CREDENTIAL_VARS.size(), fromSecret, "every credential variable is set, from a Secret");
    }

    @Test
    void probesUseHealthEndpointsOnLibertysPort() throws IOException {
        Map<String, Object> liberty = containers(document("tributary.yaml", "Deployment")).get(0);
        Map<String, Object> port = list(liberty.get("ports")).get(0);
        assertEquals(Integer.valueOf(configMapData().get("http_port")), port.get("containerPort"));
        Map<String, String> expected = Map.of("startupProbe", "/health/started",
                "readinessProbe", "/health/ready", "livenessProbe", "/health/live");
        expected.forEach((probe, path) -> {
            Map<String, Object> get = map(map(liberty.get(probe)).get("httpGet"));
            assertEquals(path, get.get("path"), probe);
            assertEquals(port.get("name"), get.get("port"), probe);
        });
    }

    @Test
    void imageRecipeCopiesFilesThatExist() throws IOException {
        for (String line : Files.readAllLines(Manifests.K8S.resolve("Containerfile"))) {
            if (line.startsWith("COPY ")) {
                String[] words = line.split("\\s+");
                for (int i = 1; i < words.length - 1; i++) {
                    if (words[i].startsWith("--")) {
                        continue;
                    }
                    Path source = Path.of(words[i]);
                    assertTrue(Files.exists(source) || source.startsWith("target"), "Containerfile copies " + source);
                    if (source.startsWith("target")) {
                        assertEquals("tributary.war", source.getFileName().toString(), "the WAR's finalName");
                    }
                }
            }
        }
    }

    private static Map<String, String> configMapData() throws IOException {
        Map<String, String> data = new HashMap<>();
        map(document("tributary.yaml", "ConfigMap").get("data")).forEach((k, v) -> data.put(k, String.valueOf(v)));
        return data;
    }

}
