package io.cloudimages.ims.auth;

import io.cloudimages.ims.auth.signing.SdkSignature;
import io.cloudimages.ims.auth.signing.SignatureAuthenticator;
import io.cloudimages.ims.auth.token.TokenAuthenticator;
import io.cloudimages.ims.http.HttpRequestData;
import io.cloudimages.ims.domain.access.Caller;
import io.cloudimages.ims.domain.access.Unauthenticated;
import io.cloudimages.ims.domain.ImsException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Establishes the caller of any request by the real service's two schemes (CONTRACT section 5): an
 * {@code X-Auth-Token} or an {@code SDK-HMAC-SHA256} signature, never both. Every refusal is 401 APIGW.0301.
 */
@ApplicationScoped
public class Authenticator {
    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    private final TokenAuthenticator tokens;
    private final SignatureAuthenticator signatures;

    Authenticator(TokenAuthenticator tokens, SignatureAuthenticator signatures) {
        this.tokens = tokens;
        this.signatures = signatures;
    }

    public Caller authenticate(HttpRequestData request) {
        try {
            return establish(request);
        } catch (ImsException e) {
            // The reason only: never a credential. Operators see why callers are refused.
            LOG.infof("request refused: %s", e.getMessage());
            throw e;
        }
    }

    private Caller establish(HttpRequestData request) {
        String token = request.header("X-Auth-Token");
        String authorization = request.header("Authorization");
        boolean signed = authorization != null && authorization.startsWith(SdkSignature.ALGORITHM + " ");
        if (token != null && signed) {
            throw Unauthenticated.because("send either X-Auth-Token or an SDK-HMAC-SHA256 signature, not both");
        }
        if (token != null) {
            return tokens.authenticate(token.trim());
        }
        if (signed) {
            SdkSignature.AuthorizationHeader header = SdkSignature.AuthorizationHeader.parse(authorization)
                    .orElseThrow(() -> Unauthenticated.because("the Authorization header is malformed"));
            return signatures.authenticate(request, header);
        }
        throw Unauthenticated.because("no credentials; send X-Auth-Token or sign the request with SDK-HMAC-SHA256");
    }
}
