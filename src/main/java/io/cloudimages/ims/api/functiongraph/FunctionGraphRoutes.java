package io.cloudimages.ims.api.functiongraph;

import io.cloudimages.ims.api.HttpAnswer;
import io.cloudimages.ims.api.JsonAnswers;
import io.cloudimages.ims.api.RequestIds;
import io.cloudimages.ims.api.RequestLimits;
import io.cloudimages.ims.api.RequestLog;
import io.cloudimages.ims.api.apig.ApigAdapter;
import io.cloudimages.ims.api.apig.ApigEvent;
import io.cloudimages.ims.api.http.Draining;
import io.cloudimages.ims.api.http.VertxRequests;
import io.cloudimages.ims.api.job.OperatorJobs;
import io.cloudimages.ims.api.representation.BatchReportRepresentation;
import io.cloudimages.ims.api.representation.ErrorRepresentation;
import io.cloudimages.ims.application.BatchUpdateService;
import io.cloudimages.ims.application.ChangeOrigin;
import io.cloudimages.ims.config.ImsConfig;
import io.cloudimages.ims.domain.ImsError;
import io.cloudimages.ims.domain.ImsException;
import io.cloudimages.ims.domain.batch.BatchJobParser;
import io.cloudimages.ims.domain.json.JsonSyntaxException;
import io.cloudimages.ims.domain.json.StrictJsonParser;
import io.cloudimages.ims.observability.Counters;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * A FunctionGraph custom image (docs/behaviour.md §8.2): the platform sends an event function's events as
 * {@code POST /invoke} (and may send {@code POST /init} once). Served only with
 * {@code ims.functiongraph.enabled=true}; otherwise both paths are unknown (404). An API-gateway event is
 * answered exactly as {@code apig} answers it; a timer event runs the operator job its {@code user_event}
 * holds, trusted because only the platform can reach this port (README: never enable it elsewhere).
 */
@ApplicationScoped
public class FunctionGraphRoutes {
    public static final String REQUEST_ID_HEADER = "X-CFF-Request-Id";
    private static final int ORDER = RouteConstants.ROUTE_ORDER_BODY_HANDLER - 1;
    private static final Logger LOG = Logger.getLogger(FunctionGraphRoutes.class);

    private final ApigAdapter apig;
    private final BatchUpdateService batches;
    private final JsonAnswers answers;
    private final Draining draining;
    private final ImsConfig config;

    FunctionGraphRoutes(ApigAdapter apig, BatchUpdateService batches, JsonAnswers answers, Draining draining,
                        ImsConfig config) {
        this.apig = apig;
        this.batches = batches;
        this.answers = answers;
        this.draining = draining;
        this.config = config;
    }

    void init(@Observes Router router) {
        if (!config.functionGraph().enabled()) {
            return;
        }
        for (String path : new String[] {"/invoke", "/init"}) {
            router.route(HttpMethod.POST, path).order(ORDER).handler(ctx -> {
                String cff = ctx.request().getHeader(REQUEST_ID_HEADER);
                if (RequestIds.isWellFormed(cff)) {
                    VertxRequests.useRequestId(ctx, cff);
                }
                draining.admit(ctx);
            });
            router.route(HttpMethod.POST, path).order(ORDER + 1)
                    .handler(BodyHandler.create(false).setBodyLimit(RequestLimits.MAX_REQUEST_BYTES));
        }
        router.route(HttpMethod.POST, "/init").order(ORDER + 2).handler(ctx ->
                VertxRequests.send(ctx, "functiongraph", answers.ok(VertxRequests.requestId(ctx), Map.of())));
        router.route(HttpMethod.POST, "/invoke").order(ORDER + 2).blockingHandler(this::invoke, false);
    }

    private void invoke(RoutingContext ctx) {
        String requestId = VertxRequests.requestId(ctx);
        HttpAnswer answer = RequestLog.run(requestId, () -> VertxRequests.deadline(ctx, config.requestDeadline())
                .run(() -> answer(ctx, requestId)));
        VertxRequests.send(ctx, "functiongraph", answer);
    }

    private HttpAnswer answer(RoutingContext ctx, String requestId) {
        try {
            Object document;
            try {
                document = StrictJsonParser.parse(VertxRequests.of(ctx).body());
            } catch (JsonSyntaxException e) {
                throw ImsError.INVALID_REQUEST.exception("the event is not valid JSON: " + e.getMessage());
            }
            if (document instanceof Map<?, ?> event && event.containsKey("httpMethod")) {
                return answers.ok(requestId, apig.answer(ApigEvent.read(event)));
            }
            if (document instanceof Map<?, ?> event && "TIMER".equals(event.get("trigger_type"))) {
                return answers.ok(requestId, runTimerJob(event));
            }
            throw ImsError.INVALID_REQUEST.exception("the event must be an API-gateway event (httpMethod) or a timer"
                    + " event (trigger_type TIMER)");
        } catch (ImsException e) {
            return answers.error(e, requestId);
        } catch (RuntimeException e) {
            LOG.errorf("unexpected failure answering an invocation: %s", e.getClass().getSimpleName());
            return answers.internalError(requestId);
        }
    }

    /**
     * The operator job of a timer event (the parser takes it out of {@code user_event}), run within the invocation;
     * a bad job is its answer's status 400.
     */
    private Map<String, Object> runTimerJob(Map<?, ?> event) {
        try {
            BatchUpdateService.BatchReport report = batches.run(OperatorJobs.OPERATOR, BatchJobParser.parseOperatorJob(event),
                    ChangeOrigin.request("timer", RequestLog.currentId()));
            Counters.batchImages("timer", report.changed(), report.unchanged(), report.failedCount());
            return BatchReportRepresentation.of(report);
        } catch (ImsException e) {
            return ErrorRepresentation.result(e);
        }
    }
}
