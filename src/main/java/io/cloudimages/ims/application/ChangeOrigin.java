package io.cloudimages.ims.application;

/**
 * Where a change comes from, as its history records it: the entry point (route, updateImage, apig, a batch's
 * trigger), the request id, and the batch run it belongs to ({@code null} outside a batch run).
 */
public record ChangeOrigin(String entryPoint, String requestId, String runId) {

    public static ChangeOrigin request(String entryPoint, String requestId) {
        return new ChangeOrigin(entryPoint, requestId, null);
    }

    public ChangeOrigin inRun(String runId) {
        return new ChangeOrigin(entryPoint, requestId, runId);
    }
}
