package dev.callpop.adapter.bullhorn;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fake Bullhorn (WireMock on a dynamic port), for the adapter's {@code @QuarkusTest}s and, through this
 * module's test-jar, for callpop's. One URL layout, which {@link #start()} points the adapter at:
 *
 * <ul>
 *   <li>a user's REST URL is {@code http://localhost:<port>/rest-services/<corp>/} ({@link #restUrl}, corporation
 *       {@code corp1}); {@code callpop.bullhorn.rest-url-pattern} allows exactly such URLs; the searches are at
 *       {@link #SEARCH}{@code <Entity>};</li>
 *   <li>sign-in: {@code loginInfo} at {@link #LOGIN_INFO} ({@code quarkus.rest-client.bullhorn-sign-in.url}), the
 *       OAuth server it names at {@link #oauthUrl} (token {@link #TOKEN}), the REST login at {@link #LOGIN};
 *       {@code callpop.bullhorn.sign-in-url-pattern} allows the fake's {@code /oauth} and {@code /rest-services}, not
 *       another path, nor {@code 127.0.0.1} ({@link #elsewhere}, where tests put a hostile server);</li>
 *   <li>callpop's app: {@link #CLIENT_ID} and {@link #CLIENT_SECRET};</li>
 *   <li>read time-outs of {@link #READ_TIMEOUT_MS}, shorter than {@link #HANG_MS}, the delay of a Bullhorn that does
 *       not answer (and long enough for the first, cold call).</li>
 * </ul>
 *
 * A test receives the running fake in a {@code WireMockServer} field marked {@link Server}, and stubs it with
 * the static methods here, which answer as Bullhorn documents it. The fake answers nothing it was not stubbed
 * for (WireMock's 404).
 */
public class BullhornFake implements QuarkusTestResourceLifecycleManager {

    /** callpop's OAuth app client id, as the fake expects it. */
    public static final String CLIENT_ID = "callpop-bullhorn-test-client";
    /** callpop's OAuth app client secret, as the fake expects it. */
    public static final String CLIENT_SECRET = "callpop-bullhorn-test-secret-91c2";
    /** The adapter's REST clients' read time-out against this fake, in milliseconds. */
    public static final String READ_TIMEOUT_MS = "2500";
    /** How long a Bullhorn that does not answer keeps the caller waiting, in milliseconds: beyond every read time-out. */
    public static final int HANG_MS = 6_000;

    /** The searches of corporation {@code corp1}: this path and the entity ({@code Candidate}, {@code ClientContact}, {@code Lead}). */
    public static final String SEARCH = "/rest-services/corp1/search/";
    /** Where sign-in asks which data centre serves a user. */
    public static final String LOGIN_INFO = "/rest-services/loginInfo";
    /** The REST login, which trades an OAuth access token for a session ({@code BhRestToken} and REST URL). */
    public static final String LOGIN = "/rest-services/login";
    /** The OAuth server's token endpoint (code exchange and refresh). */
    public static final String TOKEN = "/oauth/token";
    /** Bullhorn's answer to a search that finds nothing. */
    public static final String NOTHING = "{\"total\": 0, \"start\": 0, \"count\": 0, \"data\": []}";

    private WireMockServer server;

    /** Marks the test field ({@code WireMockServer}) that receives the running fake. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    /** The REST URL Bullhorn's REST login gives a user of corporation {@code corp1}, on this fake (the client's {@code X-CRM-Api-Url}). */
    public static String restUrl(WireMockServer server) {
        return origin(server) + "/rest-services/corp1/";
    }

    /** The OAuth server's URL that {@code loginInfo} names ({@code oauthUrl}); its authorization page is {@code /authorize} under it. */
    public static String oauthUrl(WireMockServer server) {
        return origin(server) + "/oauth";
    }

    /** The REST URL before login that {@code loginInfo} names ({@code restUrl}). */
    public static String loginUrl(WireMockServer server) {
        return origin(server) + "/rest-services/";
    }

    /** This path on the fake's port at {@code 127.0.0.1}: a URL the sign-in pattern does not allow, as a hostile answer would name. */
    public static String elsewhere(WireMockServer server, String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    /** The fake's origin ({@code http://localhost:<port>}), where its authorization page is. */
    public static String origin(WireMockServer server) {
        return "http://localhost:" + server.port();
    }

    /** Bullhorn's search answer with one record. */
    public static String one(long id, String firstName, String lastName) {
        return "{\"total\": 1, \"start\": 0, \"count\": 1, \"data\": [{\"id\": %d, \"firstName\": %s, \"lastName\": %s, \"_score\": 1.0}]}"
                .formatted(id, firstName == null ? "null" : "\"" + firstName + "\"", lastName == null ? "null" : "\"" + lastName + "\"");
    }

    /** {@code loginInfo}'s answer naming these URLs. */
    public static String loginInfo(String oauthUrl, String restUrl, String atsUrl) {
        return "{\"identity\": {\"username\": \"ada\"}, \"oauthUrl\": \"" + oauthUrl + "\", \"restUrl\": \"" + restUrl
                + "\", \"atsUrl\": \"" + atsUrl + "\"}";
    }

    /** Every search of corporation {@code corp1} finds nothing. */
    public static void findsNothing(WireMockServer server) {
        server.stubFor(post(urlPathMatching(SEARCH + ".*")).willReturn(okJson(NOTHING)));
    }

    /** The search of {@code entity} ({@code Candidate}, {@code ClientContact}, {@code Lead}) answers this JSON (see {@link #one}). */
    public static void finds(WireMockServer server, String entity, String json) {
        server.stubFor(post(urlPathEqualTo(SEARCH + entity)).willReturn(okJson(json)));
    }

    /** Every search answers this HTTP status, with Bullhorn's error body. */
    public static void searchAnswers(WireMockServer server, int status) {
        server.stubFor(post(urlPathMatching(SEARCH + ".*")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{\"errorMessage\": \"refused\", \"errorCode\": " + status + "}")));
    }

    /** {@code loginInfo} places user {@code ada} in this fake's data centre, whose pages are on {@code cls21.bullhornstaffing.com}. */
    public static void knowsAda(WireMockServer server) {
        answersLoginInfo(server, oauthUrl(server), loginUrl(server), "https://cls21.bullhornstaffing.com");
    }

    /** {@code loginInfo} answers these URLs for user {@code ada}. */
    public static void answersLoginInfo(WireMockServer server, String oauthUrl, String restUrl, String atsUrl) {
        server.stubFor(get(urlPathEqualTo(LOGIN_INFO)).withQueryParam("username", equalTo("ada")).willReturn(okJson(loginInfo(oauthUrl, restUrl, atsUrl))));
    }

    /** The token endpoint issues {@code bh-access-1} and {@code bh-refresh-2}; the REST login trades that access token for session {@code bhRestToken} at {@link #restUrl}. */
    public static void issuesSession(WireMockServer server, String bhRestToken) {
        server.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(okJson(
                "{\"access_token\": \"bh-access-1\", \"refresh_token\": \"bh-refresh-2\", \"expires_in\": 600, \"token_type\": \"Bearer\"}")));
        restLoginAnswers(server, okJson("{\"BhRestToken\": \"" + bhRestToken + "\", \"restUrl\": \"" + restUrl(server) + "\"}"));
    }

    /** The REST login answers this to access token {@code bh-access-1}. */
    public static void restLoginAnswers(WireMockServer server, ResponseDefinitionBuilder answer) {
        server.stubFor(post(urlPathEqualTo(LOGIN)).withQueryParam("version", equalTo("2.0"))
                .withQueryParam("access_token", equalTo("bh-access-1")).willReturn(answer));
    }

    /** The token endpoint answers this HTTP status (400: the code or refresh token is refused). */
    public static void tokenAnswers(WireMockServer server, int status) {
        server.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{\"error\": \"invalid_grant\"}")));
    }

    /** Bullhorn does not answer, on any path, within {@link #HANG_MS}: beyond the read time-outs. */
    public static void hangs(WireMockServer server) {
        hangsFor(server, HANG_MS);
    }

    /** Bullhorn answers nothing, on any path, for {@code millis} (then an empty 200). */
    public static void hangsFor(WireMockServer server, int millis) {
        server.stubFor(get(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withFixedDelay(millis)));
        server.stubFor(post(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withFixedDelay(millis)));
    }

    /**
     * Starts the fake and answers the settings that point the Bullhorn adapter at it: its URLs and URL patterns,
     * callpop's app, and the read time-outs.
     */
    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        String base = origin(server);
        Map<String, String> settings = new HashMap<>();
        settings.put("callpop.bullhorn.rest-url-pattern", base + "/rest-services/[A-Za-z0-9]+/");
        settings.put("callpop.bullhorn.sign-in-url-pattern", base + "/(oauth|rest-services)(/.*)?");
        settings.put("quarkus.rest-client.bullhorn-sign-in.url", base + "/rest-services");
        settings.put("callpop.bullhorn.client-id", CLIENT_ID);
        settings.put("callpop.bullhorn.client-secret", CLIENT_SECRET);
        settings.put("quarkus.rest-client.bullhorn-rest.read-timeout", READ_TIMEOUT_MS);
        settings.put("quarkus.rest-client.bullhorn-sign-in.read-timeout", READ_TIMEOUT_MS);
        return settings;
    }

    /** The running fake, once started: for a composition of fakes, as callpop's tests' {@code CrmFakes}. */
    public WireMockServer server() {
        return server;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
