package dev.callpop.service.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Fake Pipedrive and Bullhorn APIs (WireMock on a dynamic port) for every test, answering with the
 * shapes the CRMs document. Tests stub what they need through a field annotated {@link Inject}.
 *
 * <ul>
 *   <li>Pipedrive company API: {@code /pipedrive/{hostname}/api/v2/...}</li>
 *   <li>Pipedrive OAuth server: {@code /pipedrive-oauth/oauth/revoke}, {@code /pipedrive-oauth/oauth/token},
 *       authorization page {@code /pipedrive-oauth/oauth/authorize}</li>
 *   <li>Bullhorn REST: {@code /bullhorn/rest-services/{corp}/...}</li>
 *   <li>Bullhorn sign-in: {@code /bullhorn/rest-services/loginInfo}, and the OAuth server and REST login that
 *       {@code loginInfo} names (tests stub them, see {@link #bullhornOAuthUrl})</li>
 * </ul>
 */
@WithTestResource(value = CrmFakes.class, scope = TestResourceScope.GLOBAL)
public class CrmFakes implements QuarkusTestResourceLifecycleManager {

    public static final String PIPEDRIVE_CLIENT_ID = "callpop-test-client";
    public static final String PIPEDRIVE_CLIENT_SECRET = "callpop-test-secret-7f3a";
    public static final String BULLHORN_CLIENT_ID = "callpop-bullhorn-test-client";
    public static final String BULLHORN_CLIENT_SECRET = "callpop-bullhorn-test-secret-91c2";

    private WireMockServer server;

    /** Marks the test field that receives the running fake. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        String base = "http://localhost:" + server.port();
        return Map.ofEntries(
                Map.entry("callpop.pipedrive.authorization-url", base + "/pipedrive-oauth/oauth/authorize"),
                // The fakes' authorization pages are plain http on loopback: allowed here, as an operator would allow a CRM's own domain.
                Map.entry("callpop.sign-in.authorization-origins", base),
                Map.entry("quarkus.rest-client.bullhorn-sign-in.url", base + "/bullhorn/rest-services"),
                Map.entry("callpop.bullhorn.client-id", BULLHORN_CLIENT_ID),
                Map.entry("callpop.bullhorn.client-secret", BULLHORN_CLIENT_SECRET),
                Map.entry("callpop.pipedrive.api-url", base + "/pipedrive/{hostname}"),
                Map.entry("quarkus.rest-client.pipedrive-oauth.url", base + "/pipedrive-oauth"),
                Map.entry("quarkus.rest-client.pipedrive-oauth.read-timeout", "500"),
                Map.entry("callpop.pipedrive.client-id", PIPEDRIVE_CLIENT_ID),
                Map.entry("callpop.pipedrive.client-secret", PIPEDRIVE_CLIENT_SECRET),
                Map.entry("callpop.bullhorn.rest-url-pattern", base + "/bullhorn/rest-services/[A-Za-z0-9]+/"),
                // loginInfo's oauthUrl and restUrl: this fake's paths only, so a loginInfo naming 127.0.0.1 or another path is refused.
                Map.entry("callpop.bullhorn.sign-in-url-pattern", base + "/bullhorn(-auth)?/.*"));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Inject.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The Bullhorn REST URL a client would send in X-CRM-Api-Url for this fake. */
    public static String bullhornRestUrl(WireMockServer server) {
        return "http://localhost:" + server.port() + "/bullhorn/rest-services/corp1/";
    }

    /** The OAuth URL this fake's {@code loginInfo} answers are stubbed with (Bullhorn's {@code {oauthUrl}}). */
    public static String bullhornOAuthUrl(WireMockServer server) {
        return "http://localhost:" + server.port() + "/bullhorn-auth/oauth";
    }

    /** The REST URL before login this fake's {@code loginInfo} answers are stubbed with. */
    public static String bullhornLoginUrl(WireMockServer server) {
        return "http://localhost:" + server.port() + "/bullhorn/rest-services/";
    }
}
