package io.cloudimages.ims.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.cloudimages.ims.domain.batch.BatchJobParser;
import io.cloudimages.ims.domain.json.StrictJsonParser;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * function.yaml and the Dockerfiles checked as far as a machine without Kubernetes, a container engine or
 * GraalVM can: every manifest read into the typed Kubernetes/Knative models (a misspelt field fails), and their
 * ports, paths, settings, jobs and connection budget checked against the application.
 */
@QuarkusTest
class DeploymentFilesTest {
    /** Every setting the manifests may pass: the app's own and the framework's it documents. */
    static final Set<String> KNOWN_SETTINGS = Set.of("quarkus.datasource.jdbc.url", "quarkus.datasource.username",
            "quarkus.datasource.password", "quarkus.datasource.jdbc.max-size", "quarkus.flyway.migrate-at-start",
            "quarkus.init-and-exit", "ims.auth.sk-encryption-key", "mp.jwt.verify.publickey.location",
            "mp.jwt.verify.issuer", "ims.demo", "quarkus.log.console.json.enabled", "ims.batch.job-file",
            "ims.batch.shards", "ims.request-deadline");
    static final Map<String, Class<?>> MODELS = Map.of("Service", Service.class, "Job", Job.class,
            "CronJob", CronJob.class, "ConfigMap", ConfigMap.class);
    /** PostgreSQL's default max_connections (100) less the 3 reserved for superusers. */
    static final int DATABASE_CONNECTIONS = 97;

    /** The manifests by "Kind/name", in file order. */
    static Map<String, JsonNode> manifests() throws Exception {
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class)
                .readValues(Files.readString(Path.of("function.yaml")))) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isEmpty()) {
                    byName.put(doc.get("kind").asText() + "/" + doc.at("/metadata/name").asText(), doc);
                }
            }
        }
        return byName;
    }

    static JsonNode only(String kind) throws Exception {
        List<JsonNode> found = manifests().entrySet().stream().filter(e -> e.getKey().startsWith(kind + "/"))
                .map(Map.Entry::getValue).toList();
        assertEquals(1, found.size(), kind);
        return found.get(0);
    }

    static JsonNode job(String component) throws Exception {
        return manifests().values().stream().filter(d -> d.get("kind").asText().equals("Job"))
                .filter(d -> d.at("/metadata/labels/app.kubernetes.io~1component").asText().equals(component))
                .findFirst().orElseThrow();
    }

    static String envName(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container.path("env").forEach(e -> env.put(e.get("name").asText(), e.has("value") ? e.get("value").asText() : "secret"));
        return env;
    }

    @Test
    void everyManifestIsAValidTypedKubernetesOrKnativeObject() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (Map.Entry<String, JsonNode> manifest : manifests().entrySet()) {
            String kind = manifest.getValue().get("kind").asText();
            assertTrue(MODELS.containsKey(kind), "a known kind: " + manifest.getKey());
            Object typed = json.treeToValue(manifest.getValue(), MODELS.get(kind));
            List<String> unknown = new ArrayList<>();
            unknownFields(typed, manifest.getKey(), unknown, new IdentityHashMap<>());
            assertEquals(List.of(), unknown, "fields the model does not know (misspelt?)");
            assertFalse(manifest.getValue().at("/metadata").has("namespace"), "no hard-coded namespace: " + manifest.getKey());
        }
    }

    /** The fabric8 models keep unknown fields in additionalProperties instead of failing: find any. */
    static void unknownFields(Object value, String where, List<String> unknown, Map<Object, Boolean> seen) throws Exception {
        if (value == null || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            for (Object item : items) {
                unknownFields(item, where, unknown, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                unknownFields(entry.getValue(), where + "." + entry.getKey(), unknown, seen);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object property = getter.invoke(value);
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(where + ": " + extra.keySet());
                }
                continue;
            }
            unknownFields(property, where + "." + getter.getName().substring(3), unknown, seen);
        }
    }

    @Test
    void theKnativeServiceScalesToZeroAndMatchesTheApplication() throws Exception {
        JsonNode service = only("Service");
        assertEquals("serving.knative.dev/v1", service.get("apiVersion").asText());
        JsonNode template = service.at("/spec/template");
        assertEquals("0", template.at("/metadata/annotations").get("autoscaling.knative.dev/min-scale").asText());
        assertTrue(template.at("/spec/timeoutSeconds").asInt() > 2, "longer than the request deadline");
        JsonNode container = template.at("/spec/containers/0");
        Properties properties = new Properties();
        properties.load(Files.newBufferedReader(Path.of("src/main/resources/application.properties")));
        int port = Integer.parseInt(properties.getProperty("quarkus.http.port", "8080"));
        assertEquals(port, container.at("/ports/0/containerPort").asInt());
        for (String probe : new String[] {"readinessProbe", "livenessProbe"}) {
            String path = container.at("/" + probe + "/httpGet/path").asText();
            assertEquals(port, container.at("/" + probe + "/httpGet/port").asInt());
            given().get(path).then().statusCode(200);
        }
        assertFalse(container.at("/readinessProbe").has("periodSeconds"), "Knative's fast readiness polling stays on");
        assertTrue(container.at("/resources/limits/memory").asText().endsWith("Mi"));
        assertEquals(String.valueOf(template.at("/spec/containerConcurrency").asInt() / 2),
                template.at("/metadata/annotations").get("autoscaling.knative.dev/target").asText());
        given().get(template.at("/metadata/annotations").get("prometheus.io/path").asText()).then().statusCode(200);
    }

    @Test
    void everyContainerRunsRestricted() throws Exception {
        for (Map.Entry<String, JsonNode> manifest : manifests().entrySet()) {
            for (JsonNode pod : manifest.getValue().findParents("containers")) {
                assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), manifest.getKey());
                for (JsonNode container : pod.get("containers")) {
                    JsonNode security = container.get("securityContext");
                    assertFalse(security.get("allowPrivilegeEscalation").asBoolean(), manifest.getKey());
                    assertTrue(security.get("readOnlyRootFilesystem").asBoolean(), manifest.getKey());
                    assertEquals("ALL", security.at("/capabilities/drop/0").asText(), manifest.getKey());
                }
            }
        }
    }

    @Test
    void everyEnvironmentVariableIsASettingTheApplicationReads() throws Exception {
        Set<String> known = new HashSet<>();
        KNOWN_SETTINGS.forEach(s -> known.add(envName(s)));
        List<String> names = new ArrayList<>();
        for (JsonNode doc : manifests().values()) {
            doc.findValues("env").forEach(list -> list.forEach(env -> names.add(env.get("name").asText())));
        }
        assertFalse(names.isEmpty());
        for (String name : names) {
            assertTrue(known.contains(name), name + " is not a setting of the application");
        }
        // Secrets come from Secrets, never inline.
        for (JsonNode doc : manifests().values()) {
            for (JsonNode list : doc.findValues("env")) {
                for (JsonNode env : list) {
                    String name = env.get("name").asText();
                    if (name.contains("PASSWORD") || name.contains("KEY") && !name.contains("LOCATION")) {
                        assertTrue(env.has("valueFrom"), name + " must come from a Secret");
                    }
                }
            }
        }
    }

    @Test
    void theMigrationJobRunsOncePerReleaseWithQuarkusInitAndExit() throws Exception {
        JsonNode job = job("migration");
        assertTrue(job.at("/metadata/name").asText().endsWith("-1-0-0"), "named after the release");
        assertTrue(job.at("/spec/ttlSecondsAfterFinished").asInt() > 0);
        Map<String, String> env = env(job.at("/spec/template/spec/containers/0"));
        assertEquals("true", env.get(envName("quarkus.flyway.migrate-at-start")));
        assertEquals("true", env.get(envName("quarkus.init-and-exit")));
    }

    @Test
    void scheduledAndShardedFixesRunTheImageInBatchJobMode() throws Exception {
        JsonNode cron = only("CronJob");
        JsonNode cronPod = cron.at("/spec/jobTemplate/spec/template/spec");
        JsonNode indexed = job("batch");
        assertEquals("Indexed", indexed.at("/spec/completionMode").asText());
        Map<String, String> indexedEnv = env(indexed.at("/spec/template/spec/containers/0"));
        assertEquals(indexed.at("/spec/completions").asText(), indexedEnv.get(envName("ims.batch.shards")),
                "one shard per index");
        String service = only("Service").at("/spec/template/spec/containers/0/image").asText();
        JsonNode configMap = only("ConfigMap");
        for (JsonNode pod : List.of(cronPod, indexed.at("/spec/template/spec"))) {
            JsonNode container = pod.at("/containers/0");
            assertEquals(service, container.get("image").asText(), "the function's own image");
            assertFalse(container.has("args") || container.has("command"), "no curl, no token");
            Map<String, String> env = env(container);
            String file = env.get(envName("ims.batch.job-file"));
            String mount = null;
            for (JsonNode volumeMount : container.get("volumeMounts")) {
                if (file.startsWith(volumeMount.get("mountPath").asText() + "/")) {
                    mount = volumeMount.get("mountPath").asText();
                }
            }
            assertTrue(mount != null, "the job file is mounted: " + file);
            String job = configMap.at("/data/" + file.substring(mount.length() + 1)).asText();
            BatchJobParser.parseOperatorJob(StrictJsonParser.parse(job));
        }
    }

    @Test
    void theConnectionBudgetFitsTheDatabase() throws Exception {
        JsonNode service = only("Service");
        int maxScale = service.at("/spec/template/metadata/annotations").get("autoscaling.knative.dev/max-scale").asInt();
        int total = maxScale * pool(service.at("/spec/template/spec/containers/0"));
        total += pool(only("CronJob").at("/spec/jobTemplate/spec/template/spec/containers/0"));
        JsonNode indexed = job("batch");
        total += indexed.at("/spec/parallelism").asInt() * pool(indexed.at("/spec/template/spec/containers/0"));
        total += pool(job("migration").at("/spec/template/spec/containers/0"));
        assertTrue(total <= DATABASE_CONNECTIONS, total + " connections at most, the database allows " + DATABASE_CONNECTIONS);
        Matcher stated = Pattern.compile("total\\s+=\\s+(\\d+)").matcher(Files.readString(Path.of("function.yaml")));
        assertTrue(stated.find());
        assertEquals(total, Integer.parseInt(stated.group(1)), "the sum written in function.yaml");
    }

    static int pool(JsonNode container) {
        return Integer.parseInt(env(container).get(envName("quarkus.datasource.jdbc.max-size")));
    }

    @Test
    void theDockerfilesCopyWhatTheBuildProducesAndTheContextKeepsIt() throws Exception {
        String jvm = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        for (String part : new String[] {"target/quarkus-app/", "-XX:AOTCache=", "EXPOSE 8080", "USER 185",
                "aot-jdk.txt"}) {
            assertTrue(jvm.contains(part), "Dockerfile.jvm: " + part);
        }
        String nativeFile = Files.readString(Path.of("src/main/docker/Dockerfile.native"));
        assertTrue(nativeFile.contains("FROM quay.io/quarkus/ubi9-quarkus-micro-image:2.0")
                && nativeFile.contains("target/*-runner") && nativeFile.contains("EXPOSE 8080"));
        List<String> ignore = Files.readAllLines(Path.of(".dockerignore"));
        assertTrue(ignore.contains("*"), "everything excluded by default");
        assertTrue(ignore.contains("!target/quarkus-app/") && ignore.contains("!target/*-runner"));
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.contains("<id>native</id>") && pom.contains("<quarkus.native.enabled>true</quarkus.native.enabled>"));
    }

    /**
     * An AOT cache works only on the exact JDK build that trained it: the JVM image is pinned to that build (a
     * full version tag), the one the README's AOT build uses. Where that JDK is installed, its version is checked.
     */
    @Test
    void theJvmImageIsPinnedToTheJdkThatTrainsTheAotCache() throws Exception {
        String jvm = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        Matcher from = Pattern.compile("FROM eclipse-temurin:(\\d+)\\.(\\d+)\\.(\\d+)_(\\d+)-jre").matcher(jvm);
        assertTrue(from.find(), "a full version tag, never a floating one");
        String pinned = from.group(1) + "." + from.group(2) + "." + from.group(3) + "+" + from.group(4);
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("Temurin " + pinned), "the README names the training JDK " + pinned);
        Path trainingJdk = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/release");
        if (Files.exists(trainingJdk)) {
            String release = Files.readString(trainingJdk);
            assertTrue(release.contains("JAVA_RUNTIME_VERSION=\"" + pinned), "the image's JDK is the training JDK: "
                    + pinned + " vs " + release.lines().filter(l -> l.startsWith("JAVA_RUNTIME_VERSION")).findFirst());
        }
    }
}
