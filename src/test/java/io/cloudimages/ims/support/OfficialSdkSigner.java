package io.cloudimages.ims.support;

import com.huaweicloud.sdk.core.auth.AKSKSigner;
import com.huaweicloud.sdk.core.auth.BasicCredentials;
import com.huaweicloud.sdk.core.http.HttpMethod;
import com.huaweicloud.sdk.core.http.HttpRequest;
import io.cloudimages.ims.demo.DemoData;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signs requests with the official Java SDK core's own signer (huaweicloud-sdk-core 3.1.100), so the tests
 * prove the function accepts exactly what real clients send. Headers are those the SDK's HTTP stack sends.
 */
public final class OfficialSdkSigner {
    public static final String OWNER_AK = DemoData.CREDENTIALS.get(0).get(0);
    public static final String OWNER_SK = DemoData.CREDENTIALS.get(0).get(1);
    public static final String OTHER_AK = DemoData.CREDENTIALS.get(1).get(0);
    public static final String OTHER_SK = DemoData.CREDENTIALS.get(1).get(1);
    public static final String ADMIN_AK = DemoData.CREDENTIALS.get(2).get(0);
    public static final String ADMIN_SK = DemoData.CREDENTIALS.get(2).get(1);
    public static final String USER_AGENT = "huaweicloud-usdk-java/3.0";

    private OfficialSdkSigner() {
    }

    /** The headers to send: the signer's (Authorization, X-Sdk-Date, Host) and those it signed. */
    public static Map<String, String> sign(String ak, String sk, String projectId, String method, String endpoint,
                                           String path, Map<String, List<String>> query, String body) {
        HttpRequest.HttpRequestBuilder builder = HttpRequest.newBuilder().withEndpoint(endpoint).withPath(path)
                .withMethod(HttpMethod.valueOf(method)).withContentType("application/json;charset=UTF-8")
                .withBodyAsString(body).addHeader("User-Agent", USER_AGENT);
        if (projectId != null) {
            builder.addHeader("X-Project-Id", projectId);
        }
        query.forEach(builder::addQueryParam);
        HttpRequest request = builder.build();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", USER_AGENT);
        headers.put("Content-Type", "application/json;charset=UTF-8");
        if (projectId != null) {
            headers.put("X-Project-Id", projectId);
        }
        headers.putAll(AKSKSigner.getInstance().sign(request, new BasicCredentials().withAk(ak).withSk(sk)));
        return headers;
    }
}
