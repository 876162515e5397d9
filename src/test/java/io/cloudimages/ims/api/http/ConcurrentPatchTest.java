package io.cloudimages.ims.api.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudimages.ims.demo.DemoData;
import io.cloudimages.ims.support.TestImages;
import io.cloudimages.ims.support.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Bursts of concurrent patches: the row lock serialises those of one image, and no change is lost. */
@QuarkusTest
class ConcurrentPatchTest {
    static final int CLIENTS = 32;
    static final int PATCHES_PER_CLIENT = 50;

    @TestHTTPResource("/v2/cloudimages/")
    URI base;

    /** What client {@code c} sends as its patch number {@code p}: an image id and a body. */
    interface Script {
        String[] patch(int client, int p);
    }

    @Test
    void thirtyTwoClientsPatchingOneImageLoseNothing() throws Exception {
        String id = TestImages.create();
        // Each client adds its own attribute, then replaces it with its patch number, and every tenth patch
        // also sets a second attribute of its own: 64 attributes, within the quota.
        Map<Integer, Integer> statuses = run((c, p) -> new String[] {id, p == 0
                ? "[{\"op\":\"add\",\"path\":\"/c" + c + "\",\"value\":\"0\"}]"
                : "[{\"op\":\"replace\",\"path\":\"/c" + c + "\",\"value\":\"" + p + "\"}"
                + (p % 10 == 0 ? ",{\"op\":\"add\",\"path\":\"/d" + c + "\",\"value\":\"" + p + "\"}" : "") + "]"});
        assertEquals(Map.of(200, CLIENTS * PATCHES_PER_CLIENT), statuses);
        Map<String, String> expected = new TreeMap<>();
        for (int c = 0; c < CLIENTS; c++) {
            expected.put("c" + c, Integer.toString(PATCHES_PER_CLIENT - 1));
            expected.put("d" + c, Integer.toString((PATCHES_PER_CLIENT - 1) / 10 * 10));
        }
        assertEquals(expected, new TreeMap<>(TestImages.load(id).properties));
    }

    @Test
    void thirtyTwoClientsOnTheirOwnImagesAtFullSpeed() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            ids.add(TestImages.create());
        }
        Map<Integer, Integer> statuses = run((c, p) -> new String[] {ids.get(c),
                "[{\"op\":\"add\",\"path\":\"/n\",\"value\":" + p + "},{\"op\":\"replace\",\"path\":\"/name\","
                        + "\"value\":\"client " + c + "\"}]"});
        assertEquals(Map.of(200, CLIENTS * PATCHES_PER_CLIENT), statuses);
        for (int c = 0; c < CLIENTS; c++) {
            assertEquals(Integer.toString(PATCHES_PER_CLIENT - 1), TestImages.load(ids.get(c)).properties.get("n"));
            assertEquals("client " + c, TestImages.load(ids.get(c)).name);
        }
    }

    /** Runs every client's patches in order, all clients at once; answers the count of each status. */
    private Map<Integer, Integer> run(Script script) throws Exception {
        String token = Tokens.forProject(DemoData.DEMO_PROJECT);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int clientNo = c;
                done.add(pool.submit(() -> {
                    for (int p = 0; p < PATCHES_PER_CLIENT; p++) {
                        String[] patch = script.patch(clientNo, p);
                        HttpRequest request = HttpRequest.newBuilder(base.resolve(patch[0]))
                                .method("PATCH", HttpRequest.BodyPublishers.ofString(patch[1]))
                                .header("Content-Type", "application/json").header("X-Auth-Token", token)
                                .timeout(Duration.ofSeconds(30)).build();
                        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<Integer, Integer> out = new TreeMap<>();
        statuses.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
