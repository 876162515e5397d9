import io.cloudimages.ims.auth.signing.SdkSignature;
import io.cloudimages.ims.auth.signing.SecretCipher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Pre-signed AK/SK requests for bench/patch_signed.lua, signed with the function's own SDK-HMAC-SHA256 code, and
 * the access key's stored form. Run from the repository with the compiled classes:
 *
 *   java -cp target/classes bench/SignedRequests.java SK_ENCRYPTION_KEY PROJECT IMAGES HOST:PORT OUT.lua
 *
 * Prints the hex of the encrypted secret key, for the access_key row. Request i patches image i % IMAGES with
 * value (i / IMAGES) % 2, so replaying the list in order changes an image with every request. A signature stays
 * valid for 15 minutes (the allowed clock skew): generate the list just before its load phase.
 */
public class SignedRequests {
    static final String ACCESS_KEY = "BENCHAK0000000000001";
    static final String SECRET_KEY = "bench-secret-key-0000000000000000000000";

    public static void main(String[] args) throws Exception {
        String encryptionKey = args[0];
        String project = args[1];
        int images = Integer.parseInt(args[2]);
        String host = args[3];
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        StringBuilder lua = new StringBuilder("return {\n");
        for (int i = 0; i < 2 * images; i++) {
            String path = String.format("/v2/cloudimages/00000000-0000-4000-8000-%012d", i % images);
            String body = "[{\"op\":\"replace\",\"path\":\"/__description\",\"value\":\"signed " + (i / images) % 2 + "\"}]";
            Map<String, String> headers = Map.of("content-type", "application/json", "host", host, "x-sdk-date", date);
            List<String> signed = List.of("content-type", "host", "x-sdk-date");
            String canonical = SdkSignature.canonicalRequest("PATCH", path, List.of(), signed, headers::get,
                    SdkSignature.sha256Hex(body.getBytes(StandardCharsets.UTF_8)));
            String signature = SdkSignature.sign(SECRET_KEY, SdkSignature.stringToSign(date, canonical));
            String authorization = SdkSignature.ALGORITHM + " Access=" + ACCESS_KEY + ", SignedHeaders="
                    + String.join(";", signed) + ", Signature=" + signature;
            lua.append("{").append(quote(path)).append(",").append(quote(authorization)).append(",")
                    .append(quote(body)).append("},\n");
        }
        lua.append("}, ").append(quote(date)).append(", ").append(quote(host)).append("\n");
        Files.writeString(Path.of(args[4]), lua);
        System.out.println(HexFormat.of().formatHex(new SecretCipher(encryptionKey).encrypt(ACCESS_KEY, SECRET_KEY)));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
