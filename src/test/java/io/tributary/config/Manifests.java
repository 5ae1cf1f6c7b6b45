package io.tributary.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the Kubernetes manifests under {@code k8s/} as plain YAML trees, for the static manifest tests. */
final class Manifests {

    /** The manifests' directory, relative to the project (the tests' working directory). */
    static final Path K8S = Path.of("k8s");

    private Manifests() {
    }

    /** The containers of a workload's pod template (none for other kinds). */
    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return podSpecList(workload, "containers");
    }

    /** The list {@code field} of a workload's pod spec ({@code containers}, {@code initContainers}, {@code volumes}). */
    static List<Map<String, Object>> podSpecList(Map<String, Object> workload, String field) {
        Map<String, Object> spec = map(workload.get("spec"));
        if (spec == null || !spec.containsKey("template")) {
            return List.of();
        }
        return list(map(map(map(spec.get("template")).get("spec"))).get(field));
    }

    /** The first document of {@code kind} in {@code k8s/file}; fails the test if there is none. */
    static Map<String, Object> document(String file, String kind) throws IOException {
        return documents(file).stream().filter(d -> kind.equals(d.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in k8s/" + file));
    }

    /** Every document of the given files under {@code k8s/}. */
    static List<Map<String, Object>> documents(String... files) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (String file : files) {
            try (Reader in = Files.newBufferedReader(K8S.resolve(file))) {
                for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(in)) {
                    docs.add(map(doc));
                }
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }
}
