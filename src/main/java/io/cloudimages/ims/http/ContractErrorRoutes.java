package io.cloudimages.ims.http;

import io.cloudimages.ims.image.domain.ImsError;
import io.cloudimages.ims.image.domain.ImsException;
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
        router.errorHandler(404, ctx -> answer(ctx, noSuchResource()));
    }

    /** 404 IMG.0404 for a path no route or function serves. */
    public static ImsException noSuchResource() {
        return ImsError.RESOURCE_NOT_FOUND.exception("no such resource");
    }

    private void failed(RoutingContext ctx) {
        ImsException error = switch (ctx.statusCode()) {
            case 400 -> ImsError.INVALID_REQUEST.exception("the request is not valid");
            case 404 -> noSuchResource();
            case 405 -> ImsError.METHOD_NOT_ALLOWED.exception("this method is not allowed here");
            case 413 -> ImsError.BODY_TOO_LARGE.exception("the request body is too large");
            default -> {
                if (ctx.failure() != null) {
                    LOG.errorf("unexpected failure on %s: %s", ctx.request().path(), ctx.failure().getClass().getSimpleName());
                }
                yield ImsError.INTERNAL.exception("an internal error occurred");
            }
        };
        answer(ctx, error);
    }

    private void answer(RoutingContext ctx, ImsException error) {
        if (ctx.response().ended() || ctx.response().headWritten()) {
            return;
        }
        VertxRequests.send(ctx, answers.error(error, RequestIds.choose(ctx.request().getHeader(RequestIds.HEADER))));
    }
}
