package io.cloudimages.ims.api.function;

import java.util.Map;

/**
 * A batch job, or a FunctionGraph timer event whose {@code user_event} holds one, as parsed. Any JSON object
 * is an event here: a bad job is the function's result (status 400), not a bad request.
 */
public record BatchJobEvent(Map<?, ?> document) {

    static BatchJobEvent read(Map<?, ?> event) {
        return new BatchJobEvent(event);
    }
}
