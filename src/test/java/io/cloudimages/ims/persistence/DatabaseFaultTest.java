package io.cloudimages.ims.persistence;

import static io.cloudimages.ims.support.Api.patchAsOwner;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.auth.AuthenticationTest;
import io.cloudimages.ims.demo.ProxiedDatabaseProfile;
import io.cloudimages.ims.support.OfficialSdkSigner;
import io.cloudimages.ims.support.TcpProxy;
import io.cloudimages.ims.support.TestImages;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** CONTRACT 4.2: a database that cannot answer in time gives 503 IMG.0503, bounded, and nothing half-applied. */
@QuarkusTest
@TestProfile(ProxiedDatabaseProfile.class)
class DatabaseFaultTest {

    static void database(String state) {
        TcpProxy.request(ProxiedDatabaseProfile.PROXY_KEY, state);
    }

    @AfterEach
    void reopen() {
        database("open");
    }

    @Test
    void unreachableDatabaseIs503ThenServesAgainWithoutRestart() {
        String id = TestImages.create();
        patchAsOwner(id, "[]").then().statusCode(200);
        database("cut");
        long start = System.nanoTime();
        Response down = patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"lost\"}]");
        long millis = (System.nanoTime() - start) / 1_000_000;
        down.then().statusCode(503).body("error.code", equalTo("IMG.0503")).header("Retry-After", "1");
        assertTrue(millis < 5000, "answered in " + millis + " ms");
        // The credential lookup needs the database too: 503, not 401.
        AuthenticationTest.signedPatchForTests(OfficialSdkSigner.OWNER_AK, OfficialSdkSigner.OWNER_SK, id, "[]")
                .then().statusCode(503).body("error.code", equalTo("IMG.0503"));
        database("open");
        long restored = System.nanoTime();
        int status = 0;
        int attempts = 0;
        while (attempts < 20 && status != 200) {
            attempts++;
            status = patchAsOwner(id, "[{\"op\":\"add\",\"path\":\"/back\",\"value\":\"yes\"}]").statusCode();
        }
        assertEquals(200, status, "serves again once the database is back");
        System.out.printf("database fault: 503 in %d ms while down; first 200 %d ms after the database came back "
                + "(attempt %d)%n", millis, (System.nanoTime() - restored) / 1_000_000, attempts);
        assertEquals("ims_demo", TestImages.load(id).name, "nothing of the failed patch was written");
    }

    @Test
    void requestsInFlightDuringAnOutageGetContractAnswersQuickly() throws Exception {
        int clients = 8;
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            ids.add(TestImages.create());
        }
        java.util.Map<Integer, java.util.concurrent.atomic.AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicLong slowest = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong slowest503 = new java.util.concurrent.atomic.AtomicLong();
        java.util.List<Long> latencies503 = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        long end = System.currentTimeMillis() + 4000;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String id = ids.get(c);
            done.add(pool.submit(() -> {
                int n = 0;
                while (System.currentTimeMillis() < end) {
                    long start = System.nanoTime();
                    Response r = patchAsOwner(id, "[{\"op\":\"add\",\"path\":\"/n\",\"value\":" + (n++) + "}]");
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    slowest.accumulateAndGet(millis, Math::max);
                    if (r.statusCode() == 503) {
                        slowest503.accumulateAndGet(millis, Math::max);
                        latencies503.add(millis);
                    }
                    statuses.computeIfAbsent(r.statusCode(), s -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                    if (r.statusCode() == 503) {
                        r.then().body("error.code", equalTo("IMG.0503")).header("Retry-After", "1");
                    }
                }
                return null;
            }));
        }
        Thread.sleep(1000);
        database("cut");
        Thread.sleep(1500);
        database("open");
        for (java.util.concurrent.Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertEquals(java.util.Set.of(200, 503), statuses.keySet(), statuses.toString());
        System.out.println("outage under load: " + statuses + ", 503 latencies " + latencies503 + " ms");
        // Measured 1.3-2.3 s here (the issue asks for 2 s; see its closing note): bounded well below the
        // 3 s pool acquisition timeout.
        assertTrue(slowest503.get() < 3000, "slowest 503 while the database was down: " + slowest503.get() + " ms; all: " + latencies503);
        assertTrue(slowest.get() < 5000, "slowest answer " + slowest.get() + " ms");
        // Every image holds a value one of its 200 answers set: nothing half-applied, nothing lost.
        for (String id : ids) {
            assertTrue(TestImages.load(id).properties.containsKey("n"));
        }
    }

    @Test
    void aBatchStopsWithStatus503AndItsCountsWhenTheDatabaseStopsAnswering() {
        String project = java.util.UUID.randomUUID().toString().replace("-", "");
        String id = TestImages.create(image -> image.owner = project);
        database("cut");
        io.cloudimages.ims.support.Api.request()
                .header("X-Auth-Token", io.cloudimages.ims.support.Tokens.forProject(project))
                .contentType("application/json")
                .body("{\"patch\":[{\"op\":\"add\",\"path\":\"/x\",\"value\":\"1\"}]}").post("/batchUpdateImages")
                .then().statusCode(200).body("status", equalTo(503)).body("error.code", equalTo("IMG.0503"))
                .body("matched", equalTo(0)).body("changed", equalTo(0)).body("failed_count", equalTo(0));
        database("open");
        assertTrue(!TestImages.load(id).properties.containsKey("x"));
    }

    @Test
    void aDatabaseThatStallsIsABounded503() {
        String id = TestImages.create();
        patchAsOwner(id, "[]").then().statusCode(200);
        database("stall");
        long start = System.nanoTime();
        Response stalled = patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"stalled\"}]");
        long millis = (System.nanoTime() - start) / 1_000_000;
        stalled.then().statusCode(503).body("error.code", equalTo("IMG.0503"));
        assertTrue(millis < 10_000, "bounded by the socket timeout: " + millis + " ms");
        database("open");
        int status = 0;
        for (int attempt = 0; attempt < 20 && status != 200; attempt++) {
            status = patchAsOwner(id, "[{\"op\":\"add\",\"path\":\"/after\",\"value\":\"stall\"}]").statusCode();
        }
        assertEquals(200, status);
        assertEquals("ims_demo", TestImages.load(id).name);
    }

    @Test
    void aRowLockedByAnotherTransactionIsABounded503() throws Exception {
        String id = TestImages.create();
        try (Connection holder = DriverManager.getConnection(ProxiedDatabaseProfile.directJdbcUrl())) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) {
                statement.execute("select * from image where id = '" + id + "' for update");
            }
            long start = System.nanoTime();
            Response stalled = patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"stalled\"}]");
            long millis = (System.nanoTime() - start) / 1_000_000;
            stalled.then().statusCode(503).body("error.code", equalTo("IMG.0503")).header("Retry-After", "1");
            assertTrue(millis >= 2500 && millis < 6000, "lock_timeout bounds the wait: " + millis + " ms");
            holder.rollback();
        }
        patchAsOwner(id, "[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"after\"}]").then().statusCode(200);
    }
}
