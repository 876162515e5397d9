package io.cloudimages.ims.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * function.yaml and the Dockerfiles checked against the application, as far as a machine without Kubernetes,
 * a container engine or GraalVM can: the manifests parse, and their ports, paths and settings are the app's.
 */
@QuarkusTest
class DeploymentFilesTest {
    /** Every setting the manifests may pass: the app's own and the framework's it documents. */
    static final Set<String> KNOWN_SETTINGS = Set.of("quarkus.datasource.jdbc.url", "quarkus.datasource.username",
            "quarkus.datasource.password", "quarkus.datasource.jdbc.max-size", "quarkus.flyway.migrate-at-start",
            "ims.auth.sk-encryption-key", "mp.jwt.verify.publickey.location", "mp.jwt.verify.issuer",
            "ims.migrate-only", "ims.demo");

    static Map<String, JsonNode> manifests() throws Exception {
        Map<String, JsonNode> byKind = new HashMap<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class)
                .readValues(Files.readString(Path.of("function.yaml")))) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isEmpty()) {
                    byKind.put(doc.get("kind").asText(), doc);
                }
            }
        }
        return byKind;
    }

    static String envName(String property) {
        return property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
    }

    @Test
    void theKnativeServiceScalesToZeroAndMatchesTheApplication() throws Exception {
        JsonNode service = manifests().get("Service");
        assertEquals("serving.knative.dev/v1", service.get("apiVersion").asText());
        JsonNode template = service.at("/spec/template");
        assertEquals("0", template.at("/metadata/annotations").get("autoscaling.knative.dev/min-scale").asText());
        assertTrue(template.at("/spec/timeoutSeconds").asInt() > 15, "longer than the longest bounded wait");
        JsonNode container = template.at("/spec/containers/0");
        // The packaged application's port (the tests themselves run on the test port).
        java.util.Properties properties = new java.util.Properties();
        properties.load(Files.newBufferedReader(Path.of("src/main/resources/application.properties")));
        int port = Integer.parseInt(properties.getProperty("quarkus.http.port", "8080"));
        assertEquals(port, container.at("/ports/0/containerPort").asInt());
        for (String probe : new String[] {"readinessProbe", "livenessProbe"}) {
            String path = container.at("/" + probe + "/httpGet/path").asText();
            assertEquals(port, container.at("/" + probe + "/httpGet/port").asInt());
            given().get(path).then().statusCode(200);
        }
        assertTrue(container.at("/resources/limits/memory").asText().endsWith("Mi"));
        assertEquals(String.valueOf(template.at("/spec/containerConcurrency").asInt() / 2),
                template.at("/metadata/annotations").get("autoscaling.knative.dev/target").asText());
    }

    @Test
    void everyEnvironmentVariableIsASettingTheApplicationReads() throws Exception {
        Set<String> known = new java.util.HashSet<>();
        KNOWN_SETTINGS.forEach(s -> known.add(envName(s)));
        List<String> names = new ArrayList<>();
        for (JsonNode doc : manifests().values()) {
            doc.findValues("env").forEach(list -> list.forEach(env -> names.add(env.get("name").asText())));
        }
        assertFalse(names.isEmpty());
        for (String name : names) {
            if (name.equals("JAVA_TOOL_OPTIONS") || name.equals("IMS_TOKEN")) {
                continue; // read by the JVM, and by the CronJob's curl
            }
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
    void theMigrationJobMigratesAndExits() throws Exception {
        JsonNode job = manifests().get("Job");
        Map<String, String> env = new HashMap<>();
        job.at("/spec/template/spec/containers/0/env").forEach(e -> env.put(e.get("name").asText(),
                e.has("value") ? e.get("value").asText() : "secret"));
        assertEquals("true", env.get(envName("quarkus.flyway.migrate-at-start")));
        assertEquals("true", env.get(envName("ims.migrate-only")));
    }

    @Test
    void theCronJobPostsTheJobToTheBatchFunctionWithCredentials() throws Exception {
        Map<String, JsonNode> manifests = manifests();
        JsonNode cron = manifests.get("CronJob");
        List<String> args = new ArrayList<>();
        cron.at("/spec/jobTemplate/spec/template/spec/containers/0/args").forEach(a -> args.add(a.asText()));
        assertTrue(args.contains("POST"));
        String url = args.stream().filter(a -> a.startsWith("http://")).findFirst().orElseThrow();
        assertTrue(url.startsWith("http://" + manifests.get("Service").at("/metadata/name").asText() + "."));
        assertTrue(url.endsWith("/batchUpdateImages"));
        assertTrue(args.stream().anyMatch(a -> a.startsWith("X-Auth-Token: ")), "never unauthenticated");
        // The job document is one the function accepts.
        String job = manifests.get("ConfigMap").at("/data/job.json").asText();
        io.cloudimages.ims.domain.batch.BatchJobParser.parse(
                io.cloudimages.ims.domain.json.StrictJsonParser.parse(job));
    }

    @Test
    void theDockerfilesCopyWhatTheBuildProducesAndTheContextKeepsIt() throws Exception {
        String jvm = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        for (String part : new String[] {"target/quarkus-app/lib/", "target/quarkus-app/app/",
                "target/quarkus-app/quarkus/", "target/quarkus-app/*.jar", "-XX:AOTCache=", "EXPOSE 8080", "USER 185"}) {
            assertTrue(jvm.contains(part), "Dockerfile.jvm: " + part);
        }
        assertTrue(jvm.contains("FROM eclipse-temurin:25"), "the AOT cache needs the JDK 25 that trained it");
        String nativeFile = Files.readString(Path.of("src/main/docker/Dockerfile.native"));
        assertTrue(nativeFile.contains("quarkus-micro-image") && nativeFile.contains("target/*-runner")
                && nativeFile.contains("EXPOSE 8080"));
        List<String> ignore = Files.readAllLines(Path.of(".dockerignore"));
        assertTrue(ignore.contains("*"), "everything excluded by default");
        assertTrue(ignore.contains("!target/quarkus-app/") && ignore.contains("!target/*-runner"));
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.contains("<id>native</id>") && pom.contains("<quarkus.native.enabled>true</quarkus.native.enabled>"));
    }
}
