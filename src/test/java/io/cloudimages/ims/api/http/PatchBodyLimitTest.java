package io.cloudimages.ims.api.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cloudimages.ims.support.TestImages;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/**
 * The PATCH route buffers at most 64 KiB + 1 byte of a body: a request that announces 1 000 000 bytes and sends
 * 70 000 is answered 413 IMG.0413 at once, without waiting for (or reading) the rest.
 */
@QuarkusTest
class PatchBodyLimitTest {
    @TestHTTPResource("/")
    URL server;

    @Test
    void anOversizedBodyIsRefusedWithoutWaitingForIt() throws Exception {
        String id = TestImages.create();
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH /v2/cloudimages/" + id + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[70_000]);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    answer.write(buffer, 0, n);
                    if (answer.toString(StandardCharsets.UTF_8).contains("IMG.0413")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                // The answer did not come while the rest of the body was outstanding: checked below.
            }
            String text = answer.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("HTTP/1.1 413") && text.contains("IMG.0413"), text);
        }
    }
}
