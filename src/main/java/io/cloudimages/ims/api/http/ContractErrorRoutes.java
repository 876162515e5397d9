package io.cloudimages.ims.api.http;

import io.cloudimages.ims.api.HttpAnswer;
import io.cloudimages.ims.api.JsonAnswers;
import io.cloudimages.ims.api.RequestLog;
import io.cloudimages.ims.domain.ImsError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Whatever fails outside the function's own handlers — an unknown path, an unknown function, a body past the
 * server's limit, an unexpected failure — still answers with the contract's error body and a request id,
 * never the framework's HTML page or a stack trace.
 */
@ApplicationScoped
public class ContractErrorRoutes {
    private static final Logger LOG = Logger.getLogger(ContractErrorRoutes.class);

    private final JsonAnswers answers;

    ContractErrorRoutes(JsonAnswers answers) {
        this.answers = answers;
    }

    void init(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        router.errorHandler(404, ctx -> send(ctx, answers.noSuchResource(requestId(ctx))));
    }

    private void failed(RoutingContext ctx) {
        String requestId = requestId(ctx);
        HttpAnswer answer = switch (ctx.statusCode()) {
            case 400 -> answers.error(ImsError.INVALID_REQUEST.exception("the request is not valid"), requestId);
            case 404 -> answers.noSuchResource(requestId);
            case 405 -> answers.error(ImsError.METHOD_NOT_ALLOWED.exception("this method is not allowed here"), requestId);
            case 413 -> answers.error(ImsError.BODY_TOO_LARGE.exception("the request body is too large"), requestId);
            default -> {
                if (ctx.failure() != null) {
                    // The route, not the raw path: a path is whatever the caller sent, up to 4 KiB of it.
                    String route = ctx.currentRoute() == null ? "an unknown path" : String.valueOf(ctx.currentRoute().getPath());
                    String failure = ctx.failure().getClass().getSimpleName();
                    RequestLog.run(requestId, () -> {
                        LOG.errorf("unexpected failure on %s: %s", route, failure);
                        return null;
                    });
                }
                yield answers.internalError(requestId);
            }
        };
        send(ctx, answer);
    }

    private static String requestId(RoutingContext ctx) {
        return VertxRequests.requestId(ctx);
    }

    private static void send(RoutingContext ctx, HttpAnswer answer) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        VertxRequests.send(ctx, "other", answer);
    }
}
