package io.tributary.config;

import static io.tributary.config.Manifests.containers;
import static io.tributary.config.Manifests.document;
import static io.tributary.config.Manifests.list;
import static io.tributary.config.Manifests.map;
import static io.tributary.config.Manifests.podSpecList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.testing.ArtemisPair;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.xml.sax.InputSource;

/**
 * Checks the Artemis HA pair of {@code k8s/} against the test harness ({@link ArtemisPair}) that proves
 * it: the pods get the very broker.xml fragments the harness includes (one source of truth) and every
 * system property those read; the pair is two brokers on different nodes, at most one drained at a time,
 * sharing a ReadWriteMany lock volume; Tributary's URL names both with {@code ha=true}; the application's
 * replicas prefer different nodes and are drained one at a time. No cluster runs
 * here: what Kubernetes would do with these files is not checked.
 */
class HaManifestsTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9._-]+)}");
    private static final Pattern DEFINED = Pattern.compile("-D([A-Za-z0-9._-]+)=");

    @Test
    void podsGetTheHarnessFragmentsAndEveryPropertyTheyRead() throws Exception {
        Map<String, Object> generator = list(document("kustomization.yaml", "Kustomization")
                .get("configMapGenerator")).get(0);
        List<String> files = new ArrayList<>();
        ArtemisPair.FRAGMENTS.forEach(f -> files.add("artemis-ha/" + f));
        files.add("artemis-ha/init.sh");
        assertEquals(files, generator.get("files"), "the ConfigMap holds the harness' fragments and the init script");

        Set<String> read = new TreeSet<>();
        for (String fragment : ArtemisPair.FRAGMENTS) {
            String xml = Files.readString(Manifests.K8S.resolve("artemis-ha").resolve(fragment), StandardCharsets.UTF_8);
            DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new InputSource(new StringReader("<core>" + xml + "</core>")));
            Matcher m = PLACEHOLDER.matcher(xml);
            while (m.find()) {
                read.add(m.group(1));
            }
        }
        assertEquals(new TreeSet<>(ArtemisPair.SYSTEM_PROPERTIES), read, "the fragments read what the harness sets");

        String podArgs = env(broker(), "JAVA_ARGS_APPEND") + " "
                + Files.readString(Manifests.K8S.resolve("artemis-ha/init.sh"), StandardCharsets.UTF_8);
        Set<String> defined = new TreeSet<>();
        Matcher m = DEFINED.matcher(podArgs);
        while (m.find()) {
            defined.add(m.group(1));
        }
        assertEquals(read, defined, "the pods set every property the fragments read");
    }

    @Test
    void twoBrokersOnTwoNodesWithASharedLockVolume() throws IOException {
        Map<String, Object> set = document("artemis.yaml", "StatefulSet");
        Map<String, Object> spec = map(set.get("spec"));
        assertEquals(2, spec.get("replicas"), "a primary and a backup");
        Map<String, Object> labels = map(map(map(spec.get("selector"))).get("matchLabels"));
        Map<String, Object> podSpec = map(map(spec.get("template")).get("spec"));
        Map<String, Object> antiAffinity = list(map(map(podSpec.get("affinity")).get("podAntiAffinity"))
                .get("requiredDuringSchedulingIgnoredDuringExecution")).get(0);
        assertEquals("kubernetes.io/hostname", antiAffinity.get("topologyKey"));
        assertEquals(labels, map(antiAffinity.get("labelSelector")).get("matchLabels"), "never both on one node");

        Map<String, Object> budget = map(document("artemis.yaml", "PodDisruptionBudget").get("spec"));
        assertEquals(1, budget.get("maxUnavailable"), "at most one broker drained at a time");
        assertEquals(labels, map(budget.get("selector")).get("matchLabels"));

        String claim = podSpecList(set, "volumes").stream().filter(v -> "locks".equals(v.get("name")))
                .map(v -> (String) map(v.get("persistentVolumeClaim")).get("claimName")).findFirst().orElseThrow();
        Map<String, Object> locks = document("artemis.yaml", "PersistentVolumeClaim");
        assertEquals(claim, map(locks.get("metadata")).get("name"));
        assertEquals(List.of("ReadWriteMany"), map(locks.get("spec")).get("accessModes"), "both brokers lock one file");
        String mounted = list(broker().get("volumeMounts")).stream().filter(v -> "locks".equals(v.get("name")))
                .map(v -> (String) v.get("mountPath")).findFirst().orElseThrow();
        assertTrue(env(broker(), "JAVA_ARGS_APPEND").contains("-Dtributary.ha.locks=" + mounted + " "),
                "the lock manager's folder is the mounted lock volume");
    }

    @Test
    void applicationReplicasPreferDifferentNodesAndAreDrainedOneAtATime() throws IOException {
        Map<String, Object> spec = map(document("tributary.yaml", "Deployment").get("spec"));
        assertTrue((Integer) spec.get("replicas") >= 2, "replicas share the queues: " + spec.get("replicas"));
        Map<String, Object> labels = map(map(spec.get("selector")).get("matchLabels"));
        Map<String, Object> podSpec = map(map(spec.get("template")).get("spec"));
        Map<String, Object> term = map(list(map(map(podSpec.get("affinity")).get("podAntiAffinity"))
                .get("preferredDuringSchedulingIgnoredDuringExecution")).get(0).get("podAffinityTerm"));
        assertEquals("kubernetes.io/hostname", term.get("topologyKey"));
        assertEquals(labels, map(term.get("labelSelector")).get("matchLabels"), "spread over nodes where there are some");
        Map<String, Object> budget = map(document("tributary.yaml", "PodDisruptionBudget").get("spec"));
        assertEquals(1, budget.get("maxUnavailable"), "at most one replica drained at a time");
        assertEquals(labels, map(budget.get("selector")).get("matchLabels"));
    }

    @Test
    void tributaryFollowsBothBrokers() throws IOException {
        Map<String, Object> set = document("artemis.yaml", "StatefulSet");
        String name = (String) map(set.get("metadata")).get("name");
        String service = (String) map(set.get("spec")).get("serviceName");
        String url = (String) map(document("tributary.yaml", "ConfigMap").get("data")).get("TRIBUTARY_BROKER_URL");
        assertEquals("(tcp://" + name + "-0." + service + ":61616,tcp://" + name + "-1." + service
                + ":61616)?ha=true&reconnectAttempts=-1", url);
        assertEquals(Boolean.TRUE, map(document("artemis.yaml", "Service").get("spec")).get("publishNotReadyAddresses"),
                "the passive backup resolves before it is ready");
    }

    private static Map<String, Object> broker() throws IOException {
        return containers(document("artemis.yaml", "StatefulSet")).get(0);
    }

    private static String env(Map<String, Object> container, String name) {
        return list(container.get("env")).stream().filter(e -> name.equals(e.get("name")))
                .map(e -> (String) e.get("value")).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not set on " + container.get("name")));
    }
}
