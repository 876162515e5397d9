package io.cloudimages.ims.function;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** A FunctionGraph API-gateway trigger event; header names are case-insensitive. */
public class ApigEvent {
    public String httpMethod;
    public String path;
    public Map<String, String> pathParameters;
    public Map<String, String> queryStringParameters;
    public Map<String, String> headers;
    public String body;
    public boolean isBase64Encoded;
    public JsonNode requestContext;
}
