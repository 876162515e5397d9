package io.cloudimages.ims.api.http;

import io.cloudimages.ims.api.ImageResource;
import io.cloudimages.ims.api.PatchImageHandler;
import io.cloudimages.ims.api.RequestLog;
import io.cloudimages.ims.config.ImsConfig;
import io.cloudimages.ims.domain.patch.PatchParser;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.time.Duration;

/**
 * The wire adapter for {@code PATCH /v2/cloudimages/{image_id}}: Funqy serves only GET and POST, so the real
 * call is a Vert.x route. It reads the body, moves off the event loop, and hands the request to
 * {@link PatchImageHandler}.
 */
@ApplicationScoped
public class PatchImageRoute {
    static final int BEFORE_GLOBAL_BODY_HANDLER = RouteConstants.ROUTE_ORDER_BODY_HANDLER - 1;

    private final PatchImageHandler handler;
    private final Draining draining;
    private final Duration deadline;

    PatchImageRoute(PatchImageHandler handler, Draining draining, ImsConfig config) {
        this.handler = handler;
        this.draining = draining;
        this.deadline = config.requestDeadline();
    }

    void init(@Observes Router router) {
        // One byte past the patch limit is enough to know the answer is 413: nothing more is buffered. The route
        // runs before the application-wide body handler (RouteConstants.ROUTE_ORDER_BODY_HANDLER), which would
        // otherwise read up to the server's 1 MiB first.
        router.route(HttpMethod.PATCH, ImageResource.ROUTE_PATH).order(BEFORE_GLOBAL_BODY_HANDLER)
                .handler(draining::admit);
        router.route(HttpMethod.PATCH, ImageResource.ROUTE_PATH).order(BEFORE_GLOBAL_BODY_HANDLER)
                .handler(BodyHandler.create(false).setBodyLimit(PatchParser.MAX_BYTES + 1))
                .blockingHandler(this::patch, false);
        router.route(ImageResource.ROUTE_PATH).handler(this::methodNotAllowed);
    }

    private void patch(RoutingContext ctx) {
        String requestId = VertxRequests.requestId(ctx);
        VertxRequests.send(ctx, "route", RequestLog.run(requestId, () -> VertxRequests.deadline(ctx, deadline)
                .run(() -> handler.handle(VertxRequests.of(ctx), ctx.pathParam("image_id"), requestId, "route"))));
    }

    private void methodNotAllowed(RoutingContext ctx) {
        VertxRequests.send(ctx, "route", handler.methodNotAllowed(VertxRequests.requestId(ctx)));
    }
}
