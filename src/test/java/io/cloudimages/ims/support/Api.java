package io.cloudimages.ims.support;

import static io.restassured.RestAssured.given;

import io.cloudimages.ims.demo.DemoData;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;

/** Requests to the running function, sent as a real client sends them (no charset added behind our back). */
public final class Api {
    public static final String PATH = "/v2/cloudimages/";
    public static final String JSON = "application/json";

    private Api() {
    }

    public static RequestSpecification request() {
        return given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    /** A PATCH by the demo project's owner, authenticated with a token. */
    public static Response patchAsOwner(String imageId, String body) {
        return patchWithToken(Tokens.forProject(DemoData.DEMO_PROJECT), imageId, body);
    }

    public static Response patchWithToken(String token, String imageId, String body) {
        return request().header("X-Auth-Token", token).contentType(JSON)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .patch(PATH + imageId);
    }
}
