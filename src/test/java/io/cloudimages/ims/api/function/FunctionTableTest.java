package io.cloudimages.ims.api.function;

import static io.cloudimages.ims.support.Api.JSON;
import static io.cloudimages.ims.support.Api.request;
import static io.cloudimages.ims.support.ErrorAnswers.expectError;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cloudimages.ims.demo.DemoData;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.funqy.Funq;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Every {@code @Funq} method is served by the function binding, not by Funqy's own: GET is a 405 with
 * {@code Allow: POST} (Funqy's GET binding unreachable) and a body of the wrong shape is the binding's 400.
 * A function added without an event reader would stop the application from starting.
 */
@QuarkusTest
class FunctionTableTest {

    @Test
    void everyFunqMethodIsBehindTheBinding() {
        List<String> functions = Arrays.stream(ImageFunctions.class.getMethods())
                .filter(m -> m.isAnnotationPresent(Funq.class)).map(Method::getName).toList();
        assertFalse(functions.isEmpty());
        for (String function : functions) {
            var get = request().get("/" + function + "?image_id=x");
            expectError(get, 405, "IMG.0405");
            get.then().header("Allow", equalTo("POST"));
            expectError(request().header("X-Auth-Token", Tokens.forProject(DemoData.DEMO_PROJECT)).contentType(JSON)
                    .body("[]".getBytes(StandardCharsets.UTF_8)).post("/" + function), 400, "IMG.0001");
        }
    }
}
