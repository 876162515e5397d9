package io.cloudimages.ims.image.http;

import io.cloudimages.ims.http.JsonAnswers;
import io.cloudimages.ims.http.RequestIds;
import io.cloudimages.ims.http.VertxRequests;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The wire adapter for {@code PATCH /v2/cloudimages/{image_id}}: Funqy serves only GET and POST, so the real
 * call is a Vert.x route. It reads the body (up to the server's hard limit), moves off the event loop, and
 * hands the request to {@link PatchImageEndpoint}.
 */
@ApplicationScoped
public class PatchImageRoute {
    public static final String PATH = "/v2/cloudimages/:image_id";
    /** Past this the server itself answers a bare 413 (CONTRACT 4.3); below it the function answers IMG.0413. */
    public static final long HARD_BODY_LIMIT = 1024 * 1024;

    private final PatchImageEndpoint endpoint;
    private final JsonAnswers answers;

    PatchImageRoute(PatchImageEndpoint endpoint, JsonAnswers answers) {
        this.endpoint = endpoint;
        this.answers = answers;
    }

    void init(@Observes Router router) {
        router.route(HttpMethod.PATCH, PATH)
                .handler(BodyHandler.create(false).setBodyLimit(HARD_BODY_LIMIT))
                .blockingHandler(this::patch, false);
        router.route(PATH).handler(this::methodNotAllowed);
    }

    private void patch(RoutingContext ctx) {
        VertxRequests.send(ctx, endpoint.handle(VertxRequests.of(ctx), ctx.pathParam("image_id")));
    }

    private void methodNotAllowed(RoutingContext ctx) {
        String requestId = RequestIds.choose(ctx.request().getHeader(RequestIds.HEADER));
        ctx.response().putHeader("Allow", "PATCH");
        VertxRequests.send(ctx, answers.error(PatchImageEndpoint.onlyPatch(), requestId));
    }
}
