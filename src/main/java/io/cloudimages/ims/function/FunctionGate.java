package io.cloudimages.ims.function;

import io.cloudimages.ims.auth.Authenticator;
import io.cloudimages.ims.http.HttpRequestData;
import io.cloudimages.ims.http.JsonAnswers;
import io.cloudimages.ims.http.RequestIds;
import io.cloudimages.ims.http.VertxRequests;
import io.cloudimages.ims.image.domain.ImsError;
import io.cloudimages.ims.image.domain.ImsException;
import io.cloudimages.ims.image.domain.access.Caller;
import io.cloudimages.ims.image.domain.json.JsonSyntaxException;
import io.cloudimages.ims.image.domain.json.StrictJsonParser;
import io.cloudimages.ims.image.http.PatchImageRoute;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * The HTTP binding in front of the Funqy functions, run before Funqy's own route: POST only (Funqy's GET
 * binding stays unreachable), the body read up to 1 MiB, the caller authenticated over the function's own
 * request, and the event checked with the same strict JSON reader as a PATCH body. Only then does Funqy bind
 * the event and invoke the function; every refusal here carries the contract's error body.
 */
@ApplicationScoped
public class FunctionGate {
    /** Before Funqy's route (and its body handler), whatever order the extensions register in. */
    private static final int ORDER = -1_000;
    private static final Logger LOG = Logger.getLogger(FunctionGate.class);

    private final Authenticator authenticator;
    private final JsonAnswers answers;

    FunctionGate(Authenticator authenticator, JsonAnswers answers) {
        this.authenticator = authenticator;
        this.answers = answers;
    }

    void init(@Observes Router router) {
        for (FunctionEvents function : FunctionEvents.values()) {
            router.route(function.path).order(ORDER).handler(ctx -> {
                if (ctx.request().method() == HttpMethod.POST) {
                    ctx.next();
                } else {
                    ctx.response().putHeader("Allow", "POST");
                    refuse(ctx, ImsError.METHOD_NOT_ALLOWED.exception("functions are invoked with POST"));
                }
            });
            router.route(HttpMethod.POST, function.path).order(ORDER + 1)
                    .handler(BodyHandler.create(false).setBodyLimit(PatchImageRoute.HARD_BODY_LIMIT));
            router.route(HttpMethod.POST, function.path).order(ORDER + 2)
                    .blockingHandler(ctx -> admit(ctx, function), false);
        }
    }

    private void admit(RoutingContext ctx, FunctionEvents function) {
        String requestId = RequestIds.choose(ctx.request().getHeader(RequestIds.HEADER));
        try {
            HttpRequestData request = VertxRequests.of(ctx);
            Caller caller = function.authenticated ? authenticator.authenticate(request) : null;
            Object event;
            try {
                event = StrictJsonParser.parse(request.body());
            } catch (JsonSyntaxException e) {
                throw FunctionEvents.invalid("the request body is not valid JSON: " + e.getMessage());
            }
            if (!(event instanceof Map<?, ?> members)) {
                throw FunctionEvents.invalid("the event must be a JSON object");
            }
            function.check(members);
            ctx.put(FunctionCall.KEY, new FunctionCall(caller, requestId));
            ctx.response().putHeader(RequestIds.HEADER, requestId);
            ctx.next();
        } catch (ImsException e) {
            refuse(ctx, e, requestId);
        } catch (RuntimeException e) {
            LOG.errorf("unexpected failure admitting %s: %s", function.path, e.getClass().getSimpleName());
            refuse(ctx, ImsError.INTERNAL.exception("an internal error occurred"), requestId);
        }
    }

    private void refuse(RoutingContext ctx, ImsException e) {
        refuse(ctx, e, RequestIds.choose(ctx.request().getHeader(RequestIds.HEADER)));
    }

    private void refuse(RoutingContext ctx, ImsException e, String requestId) {
        VertxRequests.send(ctx, answers.error(e, requestId));
    }
}
