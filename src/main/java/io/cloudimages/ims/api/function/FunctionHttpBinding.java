package io.cloudimages.ims.api.function;

import io.cloudimages.ims.api.JsonAnswers;
import io.cloudimages.ims.api.RequestLog;
import io.cloudimages.ims.api.RequestLimits;
import io.cloudimages.ims.api.http.Draining;
import io.cloudimages.ims.api.http.VertxRequests;
import io.cloudimages.ims.auth.Authenticator;
import io.cloudimages.ims.config.ImsConfig;
import io.cloudimages.ims.domain.ImsException;
import io.cloudimages.ims.domain.access.Caller;
import io.cloudimages.ims.http.HttpRequestData;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The HTTP binding of the Funqy functions, in place of Funqy's own for every function it serves: POST only
 * (Funqy's GET binding stays unreachable), the body read up to 1 MiB, the caller authenticated over the
 * function's own request, the body parsed once by the strict parser into the function's event, and the
 * function invoked through Funqy's invoker. Every refusal carries the contract's error body.
 */
@ApplicationScoped
public class FunctionHttpBinding {
    /**
     * Before the application-wide body handler (so that a request's arrival is taken before its body is read) and
     * before Funqy's route, whatever order the extensions register in.
     */
    private static final int ORDER = RouteConstants.ROUTE_ORDER_BODY_HANDLER - 1;
    private static final Logger LOG = Logger.getLogger(FunctionHttpBinding.class);

    private final Authenticator authenticator;
    private final JsonAnswers answers;
    private final Draining draining;
    private final Duration deadline;

    FunctionHttpBinding(Authenticator authenticator, JsonAnswers answers, Draining draining, ImsConfig config) {
        this.authenticator = authenticator;
        this.answers = answers;
        this.draining = draining;
        this.deadline = config.requestDeadline();
    }

    void init(@Observes Router router) {
        for (FunctionTable.Entry function : FunctionTable.fromFunqyRegistry()) {
            router.route(function.path()).order(ORDER).handler(ctx -> {
                if (ctx.request().method() == HttpMethod.POST) {
                    draining.admit(ctx);
                } else {
                    VertxRequests.send(ctx, "function", answers.methodNotAllowed("POST", "functions are invoked with POST",
                            requestId(ctx)));
                }
            });
            router.route(HttpMethod.POST, function.path()).order(ORDER + 1)
                    .handler(BodyHandler.create(false).setBodyLimit(RequestLimits.MAX_REQUEST_BYTES));
            router.route(HttpMethod.POST, function.path()).order(ORDER + 2)
                    .blockingHandler(ctx -> call(ctx, function), false);
        }
    }

    /** Under the request's deadline; a batch gives each of its images a deadline of its own. */
    private void call(RoutingContext ctx, FunctionTable.Entry function) {
        RequestLog.run(VertxRequests.requestId(ctx), () -> VertxRequests.deadline(ctx, deadline).run(() -> {
            answer(ctx, function);
            return null;
        }));
    }

    private void answer(RoutingContext ctx, FunctionTable.Entry function) {
        String requestId = requestId(ctx);
        try {
            HttpRequestData request = VertxRequests.of(ctx);
            Caller caller = function.needsCaller() ? authenticator.authenticate(request) : null;
            Object result = function.invoke(function.readEvent(request.body()), caller);
            VertxRequests.send(ctx, "function", answers.ok(requestId, result));
        } catch (ImsException e) {
            VertxRequests.send(ctx, "function", answers.error(e, requestId));
        } catch (RuntimeException e) {
            LOG.errorf("unexpected failure calling %s: %s", function.path(), e.getClass().getSimpleName());
            VertxRequests.send(ctx, "function", answers.internalError(requestId));
        }
    }

    private static String requestId(RoutingContext ctx) {
        return VertxRequests.requestId(ctx);
    }
}
