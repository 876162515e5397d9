package io.cloudimages.ims.auth.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;

class SdkSignatureTest {

    @Test
    void canonicalUriDecodesThenEncodesEachSegmentTheSdkWayAndEndsInSlash() {
        assertEquals("/v2/cloudimages/abc/", SdkSignature.canonicalUri("/v2/cloudimages/abc"));
        assertEquals("/v2/cloudimages/abc/", SdkSignature.canonicalUri("/v2/cloudimages/abc/"));
        assertEquals("/a%20b/c%2Ad/", SdkSignature.canonicalUri("/a%20b/c*d"));
        assertEquals("/a%2Bb/", SdkSignature.canonicalUri("/a+b"), "+ stays + and is then encoded");
        assertEquals("/%C3%A9/", SdkSignature.canonicalUri("/%c3%a9"));
        assertEquals("/%C3%A9/", SdkSignature.canonicalUri("/é"));
        assertEquals("/-_.~/", SdkSignature.canonicalUri("/%2D%5F%2E%7E"));
        assertEquals("/updateImage/", SdkSignature.canonicalUri("/updateImage"));
        assertEquals("/", SdkSignature.canonicalUri("/"));
    }

    @Test
    void canonicalQuerySortsAndEncodes() {
        assertEquals("", SdkSignature.canonicalQuery(List.of()));
        assertEquals("a=1&b=2%20x%2A&c=", SdkSignature.canonicalQuery(List.of(
                new SimpleEntry<>("b", "2+x*".replace("+", "%20")), new SimpleEntry<>("c", ""),
                new SimpleEntry<>("a", "1"))));
        assertEquals("k=1&k=2", SdkSignature.canonicalQuery(List.of(new SimpleEntry<>("k", "2"),
                new SimpleEntry<>("k", "1"))));
    }

    @Test
    void canonicalRequestLayout() {
        Map<String, String> headers = Map.of("host", "h:1", "x-sdk-date", "20200101T000000Z");
        String canonical = SdkSignature.canonicalRequest("PATCH", "/p", List.of(), List.of("host", "x-sdk-date"),
                headers::get, "hash");
        assertEquals("PATCH\n/p/\n\nhost:h:1\nx-sdk-date:20200101T000000Z\n\nhost;x-sdk-date\nhash", canonical);
    }

    @Test
    void parsesTheAuthorizationHeader() {
        String sig = "a".repeat(64);
        var parsed = SdkSignature.AuthorizationHeader.parse(
                "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=" + sig).orElseThrow();
        assertEquals("AK1", parsed.accessKey());
        assertEquals(List.of("host", "x-sdk-date"), parsed.signedHeaders());
        assertFalse(SdkSignature.AuthorizationHeader.parse("SDK-HMAC-SHA256 Access=AK1").isPresent());
        assertFalse(SdkSignature.AuthorizationHeader.parse("SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host, Signature=xyz").isPresent());
        assertFalse(SdkSignature.AuthorizationHeader.parse("Bearer x").isPresent());
    }

    @Test
    void signatureComparisonIgnoresHexCase() {
        assertTrue(SdkSignature.matches("abcdef", "ABCDEF"));
        assertFalse(SdkSignature.matches("abcdef", "abcdee"));
    }
}
