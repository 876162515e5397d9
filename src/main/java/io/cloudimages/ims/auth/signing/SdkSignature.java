package io.cloudimages.ims.auth.signing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code SDK-HMAC-SHA256} request signature of the official cloud SDKs, computed as they compute it
 * (docs/behaviour.md §5). Framework-free, so the same code verifies requests and signs them in tests and tools.
 */
public final class SdkSignature {
    public static final String ALGORITHM = "SDK-HMAC-SHA256";
    private static final HexFormat HEX = HexFormat.of();

    private SdkSignature() {
    }

    /** The parts of an {@code Authorization: SDK-HMAC-SHA256 Access=..., SignedHeaders=..., Signature=...} header. */
    public record AuthorizationHeader(String accessKey, List<String> signedHeaders, String signature) {

        public static Optional<AuthorizationHeader> parse(String header) {
            if (header == null || !header.startsWith(ALGORITHM + " ")) {
                return Optional.empty();
            }
            String access = null;
            String signed = null;
            String signature = null;
            for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
                String item = part.trim();
                int eq = item.indexOf('=');
                if (eq < 0) {
                    return Optional.empty();
                }
                String value = item.substring(eq + 1).trim();
                switch (item.substring(0, eq).trim()) {
                    case "Access" -> access = value;
                    case "SignedHeaders" -> signed = value;
                    case "Signature" -> signature = value;
                    default -> {
                        return Optional.empty();
                    }
                }
            }
            // The access key is an identifier of at most 128 letters and digits: anything else is malformed, and
            // never reaches the database or a log line.
            if (access == null || !access.matches("[A-Za-z0-9]{1,128}") || signed == null || signed.isEmpty()
                    || signature == null || !signature.matches("[0-9a-fA-F]{64}")) {
                return Optional.empty();
            }
            return Optional.of(new AuthorizationHeader(access, List.of(signed.split(";", -1)), signature));
        }
    }

    /**
     * The canonical request: {@code METHOD\nURI\nQUERY\nHEADERS\nSIGNED_HEADERS\nPAYLOAD_HASH}, where HEADERS is
     * {@code name:value\n} for each signed header.
     *
     * @param rawPath       the path as sent, percent-encoded
     * @param rawQuery      the query parameters as sent, percent-encoded
     * @param signedHeaders lower-case header names, sorted
     * @param headerValue   the value of a header by lower-case name, {@code null} when absent
     */
    public static String canonicalRequest(String method, String rawPath, List<Map.Entry<String, String>> rawQuery,
                                          List<String> signedHeaders, Function<String, String> headerValue,
                                          String payloadHash) {
        StringBuilder out = new StringBuilder();
        out.append(method).append('\n');
        out.append(canonicalUri(rawPath)).append('\n');
        out.append(canonicalQuery(rawQuery)).append('\n');
        for (String name : signedHeaders) {
            String value = headerValue.apply(name);
            out.append(name).append(':').append(value == null ? "" : value.trim()).append('\n');
        }
        // Each header line ends in a newline and the parts are joined by one more, as in the SDKs.
        out.append('\n');
        out.append(String.join(";", signedHeaders)).append('\n');
        out.append(payloadHash);
        return out.toString();
    }

    public static String stringToSign(String sdkDate, String canonicalRequest) {
        return ALGORITHM + "\n" + sdkDate + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    public static String sign(String secretKey, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Constant-time comparison of two hex signatures, case-insensitive. */
    public static boolean matches(String expectedHex, String providedHex) {
        return MessageDigest.isEqual(expectedHex.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII),
                providedHex.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Each path segment percent-decoded byte-wise, encoded again the SDK's way, joined, ending in '/'. */
    static String canonicalUri(String rawPath) {
        StringBuilder out = new StringBuilder();
        for (String segment : rawPath.split("/", -1)) {
            if (out.length() > 0 || !segment.isEmpty()) {
                out.append(encode(decode(segment)));
            }
            out.append('/');
        }
        // Trailing slashes collapse to one (a linear trim: a regex here was quadratic on a path of slashes).
        int end = out.length();
        while (end > 1 && out.charAt(end - 1) == '/' && out.charAt(end - 2) == '/') {
            end--;
        }
        String uri = out.substring(0, end);
        return uri.startsWith("/") ? uri : "/" + uri;
    }

    static String canonicalQuery(List<Map.Entry<String, String>> rawQuery) {
        List<String[]> pairs = new ArrayList<>();
        for (Map.Entry<String, String> parameter : rawQuery) {
            pairs.add(new String[] {encode(decode(parameter.getKey())), encode(decode(parameter.getValue()))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        List<String> joined = new ArrayList<>();
        for (String[] pair : pairs) {
            joined.add(pair[0] + "=" + pair[1]);
        }
        return String.join("&", joined);
    }

    /** RFC 3986 percent-decoding to bytes ('+' stays '+'); a malformed escape is kept literally. */
    static byte[] decode(String text) {
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && isHex(raw[i + 1]) && isHex(raw[i + 2])) {
                out.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
                i += 2;
            } else {
                out.write(raw[i]);
            }
        }
        return out.toByteArray();
    }

    /** The SDK's encoding: A-Z a-z 0-9 - _ . ~ kept, every other byte as %XX in upper-case hex. */
    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
