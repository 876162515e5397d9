package io.cloudimages.ims.api.http;

import io.cloudimages.ims.api.ImageResource;
import io.cloudimages.ims.api.PatchImageHandler;
import io.cloudimages.ims.api.RequestIds;
import io.cloudimages.ims.api.RequestLimits;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The wire adapter for {@code PATCH /v2/cloudimages/{image_id}}: Funqy serves only GET and POST, so the real
 * call is a Vert.x route. It reads the body, moves off the event loop, and hands the request to
 * {@link PatchImageHandler}.
 */
@ApplicationScoped
public class PatchImageRoute {
    private final PatchImageHandler handler;

    PatchImageRoute(PatchImageHandler handler) {
        this.handler = handler;
    }

    void init(@Observes Router router) {
        router.route(HttpMethod.PATCH, ImageResource.ROUTE_PATH)
                .handler(BodyHandler.create(false).setBodyLimit(RequestLimits.MAX_REQUEST_BYTES))
                .blockingHandler(this::patch, false);
        router.route(ImageResource.ROUTE_PATH).handler(this::methodNotAllowed);
    }

    private void patch(RoutingContext ctx) {
        VertxRequests.send(ctx, handler.handle(VertxRequests.of(ctx), ctx.pathParam("image_id")));
    }

    private void methodNotAllowed(RoutingContext ctx) {
        VertxRequests.send(ctx, handler.methodNotAllowed(RequestIds.choose(ctx.request().getHeader(RequestIds.HEADER))));
    }
}
