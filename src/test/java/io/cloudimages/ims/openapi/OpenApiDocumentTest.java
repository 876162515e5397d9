package io.cloudimages.ims.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudimages.ims.api.function.ImageFunctions;
import io.cloudimages.ims.domain.ImsError;
import io.quarkus.funqy.Funq;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/** The static OpenAPI document matches the code: every route and function documented, nothing else. */
@QuarkusTest
class OpenApiDocumentTest {
    @Inject
    Router router;

    JsonNode document() throws Exception {
        return new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").asByteArray());
    }

    @Test
    void everyRouteAndFunctionIsDocumentedAndEveryDocumentedPathExists() throws Exception {
        Set<String> inCode = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (path != null && !path.startsWith("/q/") && !path.equals("/")) {
                inCode.add(path.replaceAll(":([a-z_]+)", "{$1}"));
            }
        }
        Arrays.stream(ImageFunctions.class.getMethods()).filter(m -> m.isAnnotationPresent(Funq.class))
                .forEach(m -> inCode.add("/" + m.getName()));
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> it = document().get("paths").fieldNames(); it.hasNext(); ) {
            documented.add(it.next());
        }
        assertEquals(inCode, documented);
    }

    @Test
    void methodsMatchTheCode() throws Exception {
        JsonNode paths = document().get("paths");
        assertEquals(Set.of("patch"), fields(paths.get("/v2/cloudimages/{image_id}")));
        for (String function : new String[] {"/updateImage", "/apig", "/batchUpdateImages"}) {
            assertEquals(Set.of("post"), fields(paths.get(function)), function);
        }
    }

    @Test
    void everyErrorCodeOfTheCatalogueIsDocumented() throws Exception {
        String text = document().toString();
        for (ImsError error : ImsError.values()) {
            assertTrue(text.contains(error.code()), error.code() + " is not documented");
        }
        JsonNode codes = document().at("/components/schemas/ErrorDetail/properties/code/enum");
        assertEquals(ImsError.values().length, codes.size());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        names.remove("parameters");
        return names;
    }

    /** The document says every answer carries X-Request-Id: each documented response declares it. */
    @Test
    void everyResponseDeclaresTheRequestIdHeader() throws Exception {
        JsonNode document = document();
        JsonNode shared = document.at("/components/responses");
        java.util.List<String> missing = new java.util.ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation ->
                operation.getValue().get("responses").fields().forEachRemaining(response -> {
                    JsonNode answer = response.getValue();
                    if (answer.has("$ref")) {
                        String ref = answer.get("$ref").asText();
                        answer = shared.get(ref.substring(ref.lastIndexOf('/') + 1));
                    }
                    if (!answer.path("headers").has("X-Request-Id")) {
                        missing.add(operation.getKey() + " " + path.getKey() + " " + response.getKey());
                    }
                })));
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), missing);
    }
}
