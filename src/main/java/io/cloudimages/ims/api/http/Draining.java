package io.cloudimages.ims.api.http;

import io.cloudimages.ims.api.JsonAnswers;
import io.cloudimages.ims.config.ImsConfig;
import io.cloudimages.ims.domain.ImsError;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graceful shutdown with the contract's answers: on SIGTERM (scale to zero) the requests in flight finish, and
 * every request that arrives meanwhile is refused with 503 IMG.0503 and its error body (not the server's bare
 * 503). The stop waits only as long as a request really runs, at most {@code ims.shutdown-drain}.
 */
@ApplicationScoped
public class Draining {
    private static final Logger LOG = Logger.getLogger(Draining.class);

    private final AtomicInteger inFlight = new AtomicInteger();
    private final JsonAnswers answers;
    private final Duration drainLimit;
    private volatile boolean draining;

    Draining(JsonAnswers answers, ImsConfig config) {
        this.answers = answers;
        this.drainLimit = config.shutdownDrain();
    }

    /**
     * The first handler of every entry point (the PATCH route, the functions): refuses while draining, else
     * counts the request in flight until its answer ends and notes when it arrived (its deadline's start).
     */
    public void admit(RoutingContext ctx) {
        if (draining) {
            VertxRequests.send(ctx, "other", answers.error(ImsError.DATABASE_UNAVAILABLE.exception(
                    "the function is shutting down; retry shortly"),
                    VertxRequests.requestId(ctx)));
            return;
        }
        inFlight.incrementAndGet();
        ctx.addEndHandler(done -> inFlight.decrementAndGet());
        VertxRequests.recordArrival(ctx);
    }

    /**
     * The shutdown delay's start (quarkus.shutdown.delay-enabled) comes first of all, while the HTTP server still
     * serves: from here new requests are refused with the contract's answer, and the stop goes on as soon as
     * those in flight have ended, before anything they need (the database, the demo's embedded one) is stopped.
     */
    void drain(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        long deadline = System.nanoTime() + drainLimit.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight.get() > 0) {
            LOG.warnf("stopping with %d requests still running after %s", inFlight.get(), drainLimit);
        } else {
            LOG.infof("requests drained in %d ms", drainLimit.toMillis() - (deadline - System.nanoTime()) / 1_000_000);
        }
    }
}
