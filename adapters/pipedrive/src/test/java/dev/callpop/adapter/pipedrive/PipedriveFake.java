package dev.callpop.adapter.pipedrive;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A fake Pipedrive (WireMock on a dynamic port), for the adapter's {@code @QuarkusTest}s and, through this
 * module's test-jar, for callpop's. One URL layout, which {@link #start()} points the adapter at:
 *
 * <ul>
 *   <li>each company's API under {@code /company/{hostname}} ({@code callpop.pipedrive.api-url}): the persons
 *       search at {@link #personsSearch(String)};</li>
 *   <li>the OAuth server at the root ({@code quarkus.rest-client.pipedrive-oauth.url}): {@link #TOKEN},
 *       {@link #REVOKE}, and the authorization page {@link #AUTHORIZE} ({@code callpop.pipedrive.authorization-url});</li>
 *   <li>callpop's OAuth app: {@link #CLIENT_ID} and {@link #CLIENT_SECRET};</li>
 *   <li>read time-outs of {@link #READ_TIMEOUT_MS}, shorter than {@link #HANG_MS}, the delay of a Pipedrive that
 *       does not answer (and long enough for the first, cold call).</li>
 * </ul>
 *
 * A test receives the running fake in a {@code WireMockServer} field marked {@link Server}, and stubs it with
 * the static methods here, which answer as Pipedrive documents it. The fake answers nothing it was not stubbed
 * for (WireMock's 404).
 */
public class PipedriveFake implements QuarkusTestResourceLifecycleManager {

    /** callpop's OAuth app client id, as the fake expects it. */
    public static final String CLIENT_ID = "callpop-test-client";
    /** callpop's OAuth app client secret, as the fake expects it. */
    public static final String CLIENT_SECRET = "callpop-test-secret-7f3a";
    /** The adapter's REST clients' read time-out against this fake, in milliseconds. */
    public static final String READ_TIMEOUT_MS = "2500";
    /** How long a Pipedrive that does not answer keeps the caller waiting, in milliseconds: beyond every read time-out. */
    public static final int HANG_MS = 6_000;

    /** The OAuth server's token endpoint (code exchange and refresh). */
    public static final String TOKEN = "/oauth/token";
    /** The OAuth server's token revocation endpoint. */
    public static final String REVOKE = "/oauth/revoke";
    /** The OAuth server's authorization page. */
    public static final String AUTHORIZE = "/oauth/authorize";
    /** Every company's persons search, as a WireMock path pattern. */
    public static final String ANY_PERSONS_SEARCH = "/company/.*/api/v2/persons/search";
    /** Pipedrive's answer to a search that finds nobody. */
    public static final String NOBODY = "{\"success\": true, \"data\": {\"items\": []}, \"additional_data\": {\"next_cursor\": null}}";

    private WireMockServer server;

    /** Marks the test field ({@code WireMockServer}) that receives the running fake. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    /** The path of the persons search (API v2) of the company at {@code hostname}. */
    public static String personsSearch(String hostname) {
        return "/company/" + hostname + "/api/v2/persons/search";
    }

    /** The fake's origin ({@code http://localhost:<port>}), where its authorization page is. */
    public static String origin(WireMockServer server) {
        return "http://localhost:" + server.port();
    }

    /** The {@code Authorization} header Pipedrive expects from callpop's app: HTTP Basic with its client id and secret. */
    public static String appCredentials() {
        return "Basic " + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    }

    /** Pipedrive's search answer listing these persons ({@code id, name, id, name, ...}), in this order. */
    public static String persons(String... idsAndNames) {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < idsAndNames.length; i += 2) {
            items.append(items.length() == 0 ? "" : ",").append("""
                    {"result_score": 0.9, "item": {"id": %s, "type": "person", "name": "%s", "phones": ["+14155550100"],
                     "emails": [], "visible_to": 3, "owner": {"id": 1}, "organization": null, "custom_fields": [], "notes": []}}"""
                    .formatted(idsAndNames[i], idsAndNames[i + 1]));
        }
        return "{\"success\": true, \"data\": {\"items\": [" + items + "]}, \"additional_data\": {\"next_cursor\": null}}";
    }

    /** Pipedrive's token answer (code exchange or refresh) with these tokens and company URL ({@code api_domain}). */
    public static String tokens(String accessToken, String refreshToken, String apiDomain) {
        return "{\"access_token\": \"" + accessToken + "\", \"refresh_token\": \"" + refreshToken + "\", \"expires_in\": 3599,"
                + " \"token_type\": \"Bearer\", \"scope\": \"base\", \"api_domain\": \"" + apiDomain + "\"}";
    }

    /** Every company's search finds nobody, whatever the number. */
    public static void findsNobody(WireMockServer server) {
        server.stubFor(get(urlPathMatching(ANY_PERSONS_SEARCH)).willReturn(okJson(NOBODY)));
    }

    /** The company at {@code hostname} finds these persons ({@code id, name, ...}) for the search term {@code term}. */
    public static void finds(WireMockServer server, String hostname, String term, String... idsAndNames) {
        server.stubFor(get(urlPathEqualTo(personsSearch(hostname))).withQueryParam("term", equalTo(term)).willReturn(okJson(persons(idsAndNames))));
    }

    /** Every company's search finds these persons ({@code id, name, ...}), whatever the number. */
    public static void findsForAnyNumber(WireMockServer server, String... idsAndNames) {
        server.stubFor(get(urlPathMatching(ANY_PERSONS_SEARCH)).willReturn(okJson(persons(idsAndNames))));
    }

    /** Where every company lists persons by id ({@code GET /api/v2/persons?ids=…}), with their record dates. */
    public static final String ANY_PERSONS_LIST = "/company/[^/]+/api/v2/persons";

    /**
     * Every company's persons list ({@code GET /api/v2/persons?ids=…}) answers these persons with their dates
     * ({@code id, add_time, update_time, ...}, RFC 3339 as API v2 writes them), whatever ids it is asked for.
     */
    public static void datesPersons(WireMockServer server, String... idsAndDates) {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < idsAndDates.length; i += 3) {
            data.append(data.length() == 0 ? "" : ",").append("""
                    {"id": %s, "name": "Person %s", "owner_id": 1, "org_id": null, "add_time": "%s", "update_time": "%s",
                     "phones": [{"value": "+14155550100", "primary": true, "label": "work"}], "is_deleted": false, "visible_to": 3}"""
                    .formatted(idsAndDates[i], idsAndDates[i], idsAndDates[i + 1], idsAndDates[i + 2]));
        }
        server.stubFor(get(urlPathMatching(ANY_PERSONS_LIST))
                .willReturn(okJson("{\"success\": true, \"data\": [" + data + "], \"additional_data\": {\"next_cursor\": null}}")));
    }

    /** Every company's search answers this HTTP status, with Pipedrive's error body. */
    public static void searchAnswers(WireMockServer server, int status) {
        server.stubFor(get(urlPathMatching(ANY_PERSONS_SEARCH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{\"success\": false, \"error\": \"refused\", \"errorCode\": " + status + "}")));
    }

    /** Every company's search is rate limited: HTTP 429 with {@code Retry-After: seconds}. */
    public static void searchRateLimited(WireMockServer server, int seconds) {
        server.stubFor(get(urlPathMatching(ANY_PERSONS_SEARCH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", String.valueOf(seconds))
                .withHeader("Content-Type", "application/json").withBody("{\"success\": false, \"error\": \"Too many requests\"}")));
    }

    /** The token endpoint answers these tokens and company URL, for a code exchange and a refresh alike. */
    public static void issuesTokens(WireMockServer server, String accessToken, String refreshToken, String apiDomain) {
        server.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(okJson(tokens(accessToken, refreshToken, apiDomain))));
    }

    /** The token endpoint answers this HTTP status (400 or 401: the code or refresh token is refused). */
    public static void tokenAnswers(WireMockServer server, int status) {
        server.stubFor(post(urlPathEqualTo(TOKEN)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{\"success\": false, \"error\": \"invalid_grant\"}")));
    }

    /** The revocation endpoint revokes whatever it is sent. */
    public static void revokes(WireMockServer server) {
        server.stubFor(post(urlPathEqualTo(REVOKE)).willReturn(aResponse().withStatus(200)));
    }

    /** The revocation endpoint answers this HTTP status. */
    public static void revocationAnswers(WireMockServer server, int status) {
        server.stubFor(post(urlPathEqualTo(REVOKE)).willReturn(aResponse().withStatus(status)));
    }

    /** Pipedrive does not answer, on any path, within {@link #HANG_MS}: beyond the read time-outs. */
    public static void hangs(WireMockServer server) {
        hangsFor(server, HANG_MS);
    }

    /** Pipedrive answers nothing, on any path, for {@code millis} (then an empty 200). */
    public static void hangsFor(WireMockServer server, int millis) {
        server.stubFor(get(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withFixedDelay(millis)));
        server.stubFor(post(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withFixedDelay(millis)));
    }

    /**
     * Starts the fake and answers the settings that point the Pipedrive adapter at it: its URLs, callpop's OAuth
     * app, and the read time-outs.
     */
    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        String base = origin(server);
        Map<String, String> settings = new HashMap<>();
        settings.put("callpop.pipedrive.authorization-url", base + AUTHORIZE);
        settings.put("callpop.pipedrive.api-url", base + "/company/{hostname}");
        settings.put("quarkus.rest-client.pipedrive-oauth.url", base);
        settings.put("callpop.pipedrive.client-id", CLIENT_ID);
        settings.put("callpop.pipedrive.client-secret", CLIENT_SECRET);
        settings.put("quarkus.rest-client.pipedrive-api.read-timeout", READ_TIMEOUT_MS);
        settings.put("quarkus.rest-client.pipedrive-oauth.read-timeout", READ_TIMEOUT_MS);
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
