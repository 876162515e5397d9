package io.cloudimages.ims.image.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cloudimages.ims.demo.DemoData;
import io.cloudimages.ims.image.persistence.ImageEntity;
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

/** Many concurrent patches of one image: the row lock serialises them, and no change is lost. */
@QuarkusTest
class ConcurrentPatchTest {
    static final int CLIENTS = 16;
    static final int PATCHES_PER_CLIENT = 6; // 96 extension attributes: within the quota of 128

    @TestHTTPResource("/v2/cloudimages/")
    URI base;

    @Test
    void concurrentPatchesOfOneImageLoseNothing() throws Exception {
        String id = TestImages.create();
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
                        // Each client adds its own attribute, and replaces its first one every time.
                        String body = "[{\"op\":\"add\",\"path\":\"/c" + clientNo + "_" + p + "\",\"value\":\"" + p
                                + "\"},{\"op\":\"add\",\"path\":\"/c" + clientNo + "_0\",\"value\":\"" + p + "\"}]";
                        HttpRequest request = HttpRequest.newBuilder(base.resolve(id))
                                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
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
        assertEquals(Map.of(200, CLIENTS * PATCHES_PER_CLIENT), toPlain(statuses));
        ImageEntity stored = TestImages.load(id);
        Map<String, String> expected = new TreeMap<>();
        for (int c = 0; c < CLIENTS; c++) {
            for (int p = 1; p < PATCHES_PER_CLIENT; p++) {
                expected.put("c" + c + "_" + p, Integer.toString(p));
            }
            expected.put("c" + c + "_0", Integer.toString(PATCHES_PER_CLIENT - 1));
        }
        assertEquals(expected, new TreeMap<>(stored.properties));
    }

    private static Map<Integer, Integer> toPlain(Map<Integer, AtomicInteger> counts) {
        Map<Integer, Integer> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }
}
