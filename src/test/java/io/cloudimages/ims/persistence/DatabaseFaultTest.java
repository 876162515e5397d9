package io.cloudimages.ims.persistence;

import static io.cloudimages.ims.support.Api.patchAsOwner;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.auth.AuthenticationTest;
import io.cloudimages.ims.demo.ProxiedDatabaseProfile;
import io.cloudimages.ims.support.Api;
import io.cloudimages.ims.support.OfficialSdkSigner;
import io.cloudimages.ims.support.TcpProxy;
import io.cloudimages.ims.support.TestImages;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * A database that cannot answer in time gives 503 IMG.0503 within the request's deadline, nothing half-applied,
 * and the function serves again once it is back. The profile sets a deadline of 0.5 s against backstops of
 * 30 s (socket, statement, lock): each 503 must come well inside them (under 3 s here, a bound a machine three
 * times slower still meets), which only the deadline can do. The exact 2 s of production is checked outside the
 * suite, on a quiet machine.
 */
@QuarkusTest
@TestProfile(ProxiedDatabaseProfile.class)
class DatabaseFaultTest {
    static final long BOUND_MILLIS = 3_000;

    static void database(String state) {
        TcpProxy.request(ProxiedDatabaseProfile.PROXY_KEY, state);
    }

    /** Waits for a condition (never a fixed sleep), failing after {@code seconds}. */
    static long awaitMillis(int seconds, BooleanSupplier condition) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + seconds + " s");
            }
            Thread.sleep(50);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** A fresh application's first answers include its warm-up, which a 0.5 s deadline does not always cover. */
    @BeforeEach
    void warmUp() throws InterruptedException {
        String id = TestImages.create();
        awaitMillis(60, () -> patchAsOwner(id, "[]").statusCode() == 200);
    }

    @AfterEach
    void reopen() throws InterruptedException {
        database("open");
        // The circuit breaker may still be open from the test's outage: wait until a request is served again.
        String id = TestImages.create();
        awaitMillis(20, () -> patchAsOwner(id, "[]").statusCode() == 200);
    }

    @Test
    void unreachableDatabaseIs503ThenServesAgainWithoutRestart() throws Exception {
        String id = TestImages.create();
        patchAsOwner(id, "[]").then().statusCode(200);
        database("cut");
        long millis = timed(() -> patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"lost\"}]")
                .then().statusCode(503).body("error.code", equalTo("IMG.0503")).header("Retry-After", "1"));
        assertTrue(millis < BOUND_MILLIS, "answered in " + millis + " ms");
        // The credential lookup needs the database too: 503, not 401.
        AuthenticationTest.signedPatchForTests(OfficialSdkSigner.OWNER_AK, OfficialSdkSigner.OWNER_SK, id, "[]")
                .then().statusCode(503).body("error.code", equalTo("IMG.0503"));
        database("open");
        long firstServed = awaitMillis(20, () ->
                patchAsOwner(id, "[{\"op\":\"add\",\"path\":\"/back\",\"value\":\"yes\"}]").statusCode() == 200);
        System.out.printf("database fault: 503 in %d ms while down; first 200 %d ms after the database came back%n",
                millis, firstServed);
        assertEquals("ims_demo", TestImages.load(id).name, "nothing of the failed patch was written");
    }

    @Test
    void requestsInFlightDuringAnOutageGetContractAnswersQuickly() throws Exception {
        int clients = 8;
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            ids.add(TestImages.create());
        }
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<Long> latencies503 = Collections.synchronizedList(new ArrayList<>());
        AtomicLong slowest = new AtomicLong();
        AtomicInteger served = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger servedAfterReopen = new AtomicInteger();
        AtomicBoolean reopened = new AtomicBoolean();
        // Measured from the outage on: the first answers of a fresh application include its warm-up.
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String id = ids.get(c);
            done.add(pool.submit(() -> {
                int n = 0;
                while (!stop.get()) {
                    long start = System.nanoTime();
                    Response r = patchAsOwner(id, "[{\"op\":\"add\",\"path\":\"/n\",\"value\":" + (n++) + "}]");
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    if (measuring.get()) {
                        slowest.accumulateAndGet(millis, Math::max);
                    }
                    statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    if (r.statusCode() == 503 && measuring.get()) {
                        latencies503.add(millis);
                        refused.incrementAndGet();
                        r.then().body("error.code", equalTo("IMG.0503")).header("Retry-After", "1");
                    } else if (r.statusCode() == 200) {
                        served.incrementAndGet();
                        if (reopened.get()) {
                            servedAfterReopen.incrementAndGet();
                        }
                    }
                }
                return null;
            }));
        }
        awaitMillis(30, () -> served.get() >= 4 * clients);
        measuring.set(true);
        database("cut");
        awaitMillis(30, () -> refused.get() >= 2 * clients);
        database("open");
        reopened.set(true);
        long firstServed = awaitMillis(30, () -> servedAfterReopen.get() > 0);
        stop.set(true);
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(Set.of(200, 503), statuses.keySet(), statuses.toString());
        long slowest503 = latencies503.stream().mapToLong(Long::longValue).max().orElse(0);
        System.out.println("outage under 8 clients: " + statuses + "; slowest 503 " + slowest503 + " ms, slowest answer "
                + slowest.get() + " ms (from the outage on); first 200 " + firstServed + " ms after the database came back");
        assertTrue(slowest503 < BOUND_MILLIS, "slowest 503 while the database was down: " + slowest503 + " ms");
        assertTrue(slowest.get() < BOUND_MILLIS, "slowest answer " + slowest.get() + " ms");
        // Every image holds a value one of its 200 answers set: nothing half-applied, nothing lost.
        for (String id : ids) {
            assertTrue(TestImages.load(id).properties.containsKey("n"));
        }
    }

    @Test
    void aBatchStopsWithStatus503AndItsCountsWhenTheDatabaseStopsAnswering() throws Exception {
        String project = UUID.randomUUID().toString().replace("-", "");
        // Ids in a known order: the batch patches the first two, then waits on the third's lock and stops.
        String prefix = UUID.randomUUID().toString().substring(0, 24);
        List<String> ids = List.of(prefix + "000000000001", prefix + "000000000002", prefix + "000000000003");
        for (String id : ids) {
            TestImages.create(image -> {
                image.id = UUID.fromString(id);
                image.owner = project;
            });
        }
        try (Connection holder = DriverManager.getConnection(ProxiedDatabaseProfile.directJdbcUrl())) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select id from image where id = cast(? as uuid) for update")) {
                lock.setString(1, ids.get(2));
                lock.executeQuery().close();
            }
            long millis = timed(() -> Api.request().header("X-Auth-Token", Tokens.forProject(project))
                    .contentType("application/json")
                    .body("{\"patch\":[{\"op\":\"add\",\"path\":\"/x\",\"value\":\"1\"}]}").post("/batchUpdateImages")
                    .then().statusCode(200).body("status", equalTo(503)).body("error.code", equalTo("IMG.0503"))
                    .body("matched", equalTo(2)).body("changed", equalTo(2)).body("failed_count", equalTo(0)));
            assertTrue(millis < BOUND_MILLIS, "the batch stopped after " + millis + " ms");
            holder.rollback();
        }
        assertEquals("1", TestImages.load(ids.get(0)).properties.get("x"));
        assertEquals("1", TestImages.load(ids.get(1)).properties.get("x"));
        assertFalse(TestImages.load(ids.get(2)).properties.containsKey("x"), "the image it stopped on is unchanged");
    }

    @Test
    void aDatabaseThatStallsIsABounded503() throws Exception {
        String id = TestImages.create();
        patchAsOwner(id, "[]").then().statusCode(200);
        database("stall");
        long millis = timed(() -> patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"stalled\"}]")
                .then().statusCode(503).body("error.code", equalTo("IMG.0503")));
        assertTrue(millis < BOUND_MILLIS, "bounded by the deadline, not the 30 s socket timeout: " + millis + " ms");
        database("open");
        awaitMillis(20, () -> patchAsOwner(id, "[{\"op\":\"add\",\"path\":\"/after\",\"value\":\"stall\"}]")
                .statusCode() == 200);
        assertEquals("ims_demo", TestImages.load(id).name);
    }

    @Test
    void aRowLockedByAnotherTransactionIsABounded503() throws Exception {
        String id = TestImages.create();
        try (Connection holder = DriverManager.getConnection(ProxiedDatabaseProfile.directJdbcUrl())) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("select id from image where id = cast(? as uuid) for update")) {
                lock.setString(1, id);
                lock.executeQuery().close();
            }
            // Several in a row: each one bounded (a transaction timeout racing the lock wait once wedged the second).
            for (int attempt = 0; attempt < 3; attempt++) {
                long millis = timed(() -> patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"stalled\"}]")
                        .then().statusCode(503).body("error.code", equalTo("IMG.0503")).header("Retry-After", "1"));
                assertTrue(millis < BOUND_MILLIS, "the lock wait is bounded by the deadline, not the 30 s lock_timeout: "
                        + millis + " ms");
            }
            holder.rollback();
        }
        patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"after\"}]").then().statusCode(200);
    }
}
