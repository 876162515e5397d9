package io.cloudimages.ims.auth;

import io.cloudimages.ims.auth.signing.SdkSignature;
import io.cloudimages.ims.auth.signing.SignatureAuthenticator;
import io.cloudimages.ims.auth.refusal.Refusals;
import io.cloudimages.ims.auth.token.TokenAuthenticator;
import io.cloudimages.ims.http.HttpRequestData;
import io.cloudimages.ims.domain.access.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Establishes the caller of any request by the real service's two schemes (docs/behaviour.md §5): an
 * {@code X-Auth-Token} or an {@code SDK-HMAC-SHA256} signature, never both. Every refusal is 401 APIGW.0301.
 */
@ApplicationScoped
public class Authenticator {
    /** Headers that decide who calls: sent twice, which one counts would be a guess, so the request is refused. */
    private static final List<String> SECURITY_HEADERS =
            List.of("Authorization", "X-Auth-Token", "X-Sdk-Date", "X-Project-Id", "Host", "X-Sdk-Content-Sha256");

    private final TokenAuthenticator tokens;
    private final SignatureAuthenticator signatures;

    Authenticator(TokenAuthenticator tokens, SignatureAuthenticator signatures) {
        this.tokens = tokens;
        this.signatures = signatures;
    }

    /** Each refusal logs its real reason (never a credential) and answers as {@link Refusals} says. */
    public Caller authenticate(HttpRequestData request) {
        for (String header : SECURITY_HEADERS) {
            if (request.isRepeated(header)) {
                throw Refusals.form("repeated_header", "the " + header + " header is sent more than once");
            }
        }
        String token = request.header("X-Auth-Token");
        String authorization = request.header("Authorization");
        boolean signed = authorization != null && authorization.startsWith(SdkSignature.ALGORITHM + " ");
        if (token != null && signed) {
            throw Refusals.form("both_schemes", "send either X-Auth-Token or an SDK-HMAC-SHA256 signature, not both");
        }
        if (token != null) {
            return tokens.authenticate(token.trim());
        }
        if (signed) {
            SdkSignature.AuthorizationHeader header = SdkSignature.AuthorizationHeader.parse(authorization)
                    .orElseThrow(() -> Refusals.form("malformed_authorization", "the Authorization header is malformed"));
            return signatures.authenticate(request, header);
        }
        throw Refusals.form("no_credentials", "no credentials; send X-Auth-Token or sign the request with SDK-HMAC-SHA256");
    }
}
