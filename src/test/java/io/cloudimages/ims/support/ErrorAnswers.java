package io.cloudimages.ims.support;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.response.Response;

import java.nio.charset.StandardCharsets;

/** The contract's error answer: status, code, a message, a request id, and nothing that leaks internals. */
public final class ErrorAnswers {
    private ErrorAnswers() {
    }

    public static void expectError(Response response, int status, String code) {
        response.then().statusCode(status).contentType(Api.JSON).body("error.code", equalTo(code))
                .body("error.message", notNullValue()).header("X-Request-Id", notNullValue());
        String body = new String(response.asByteArray(), StandardCharsets.UTF_8);
        assertFalse(body.contains("at io.") || body.contains("SQL") || body.contains("Exception"), body);
    }
}
