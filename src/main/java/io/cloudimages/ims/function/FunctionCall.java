package io.cloudimages.ims.function;

import io.cloudimages.ims.image.domain.access.Caller;

/** What the HTTP binding established before a function runs: who calls, under which request id. */
public record FunctionCall(Caller caller, String requestId) {
    static final String KEY = "ims.function-call";
}
