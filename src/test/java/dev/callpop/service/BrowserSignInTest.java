package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.ws.rs.core.UriBuilder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.WaitForSelectorState;

import dev.callpop.adapter.pipedrive.PipedriveFake;
import dev.callpop.service.testing.Chromium;
import dev.callpop.service.testing.Tokens;
import io.quarkus.runtime.configuration.ConfigSourceOrdinal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The demo softphone's "Sign in to CRM" with the reference client in headless Chromium: the sample CRM through
 * its stand-in page, Pipedrive through its https authorization page (answered in the browser) and a fake token
 * server; then a call looked up with the kept credentials, a refresh when callpop asks for one, and logout; and a
 * tampered sign-in answer whose authorization page is not https refused. CRM pages are answered in the browser.
 */
@QuarkusTest
@TestProfile(BrowserSignInTest.DemoOrigin.class)
class BrowserSignInTest {

    /**
     * callpop on a port known before it starts, so the demo page's own address is an allowed redirect URI; Pipedrive's
     * authorization page is its real https address, which the client accepts and the test answers in the browser.
     */
    public static class DemoOrigin implements QuarkusTestProfile {
        static final int PORT = freePort();
        static final String PIPEDRIVE_AUTHORIZATION_PAGE = "https://oauth.pipedrive.com/oauth/authorize";

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // Quarkus ranks a test resource's config (CrmFakes names the fake's http authorization page) above a
            // profile's (quarkusio/quarkus#54290): this profile's overrides are ranked just above it.
            return Map.of("quarkus.http.test-port", String.valueOf(PORT),
                    "callpop.sign-in.redirect-uris", "http://localhost:" + PORT + "/demo/",
                    "callpop.pipedrive.authorization-url", PIPEDRIVE_AUTHORIZATION_PAGE,
                    "config_ordinal", String.valueOf(ConfigSourceOrdinal.STARTUP_OVERRIDE.getOrdinal() + 1));
        }
    }

    private static final Page.WaitForSelectorOptions ATTACHED = new Page.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED);
    @RegisterExtension
    static final Chromium.PerClass chromium = new Chromium.PerClass();

    @TestHTTPResource("/demo/")
    URL demo;

    @PipedriveFake.Server
    WireMockServer crm;

    private BrowserContext context;
    private Page page;
    private final List<String> crmPagesOpened = new CopyOnWriteArrayList<>();
    private final List<Request> callpopRequests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openDemo() {
        crm.resetAll();
        context = chromium.contextAnsweringCrmPages(crmPagesOpened);
        page = context.newPage();
        page.onRequest(request -> {
            if (request.url().contains("/api/v1/")) {
                callpopRequests.add(request);
            }
        });
        page.navigate(demo.toString());
        // The sample CRM's pages as callpop answered them (BrowserDemoTest covers the demo's stand-in page).
        page.uncheck("#sample-stand-in");
        page.fill("#token", Tokens.client());
    }

    @AfterEach
    void close() {
        context.close();
    }

    private List<String> crmTokensSentTo(String path) {
        return callpopRequests.stream().filter(r -> r.url().endsWith(path)).map(r -> r.headers().get("x-crm-token")).toList();
    }

    private void signInToSample() {
        page.selectOption("#crm", "sample");
        Page authorization = context.waitForPage(() -> page.click("#sign-in"));
        authorization.waitForSelector("#allow");
        authorization.click("#allow");
        page.waitForSelector("#signed-in:not(:empty)");
    }

    private Page incomingCallFrom(String number) {
        page.fill("#phone", number);
        Page opened = context.waitForPage(() -> page.click("#incoming"));
        opened.waitForURL(url -> url.startsWith("https://"));
        return opened;
    }

    @Test
    void theSampleCrmSignsInThenACallIsLookedUpWithTheKeptCredentialsAndLogoutForgetsThem() {
        signInToSample();
        assertThat(page.textContent("#signed-in")).isEqualTo("Signed in to sample.");
        assertThat(incomingCallFrom("+1 415 555 0100").url()).isEqualTo("https://crm.example.com/?contactId=1001");
        assertThat(crmTokensSentTo("/sample/call-received")).singleElement().asString().startsWith("sample-access-");
        page.click("#logout");
        page.waitForSelector("#signed-in:empty", ATTACHED);
        assertThat(page.evaluate("() => localStorage.getItem('callpop.sign-in.sample')")).isNull();
    }

    @Test
    void whenCallpopAsksForANewSignInTheClientRefreshesOnceAndTriesAgain() {
        signInToSample();
        AtomicInteger calls = new AtomicInteger();
        page.route("**/api/v1/crms/sample/call-received", route -> {
            if (calls.getAndIncrement() == 0) {
                route.fulfill(new Route.FulfillOptions().setStatus(403).setContentType("application/problem+json")
                        .setBody("{\"type\": \"urn:callpop:problem:crm-reauthentication-required\", \"title\": \"Sign in to the CRM again\", \"status\": 403}"));
            } else {
                route.resume();
            }
        });
        assertThat(incomingCallFrom("+1 415 555 0100").url()).isEqualTo("https://crm.example.com/?contactId=1001");
        assertThat(callpopRequests).filteredOn(r -> r.url().endsWith("/sample/refresh")).hasSize(1);
        List<String> tokens = crmTokensSentTo("/sample/call-received");
        assertThat(tokens).hasSize(2);
        assertThat(tokens.get(1)).as("the retry carries the refreshed token").isNotEqualTo(tokens.get(0)).startsWith("sample-access-");
    }

    @Test
    void pipedriveSignsInThroughItsAuthorizationPageAndTheLookUpUsesItsAccessToken() {
        crm.stubFor(post(urlPathEqualTo("/oauth/token")).willReturn(okJson("{\"access_token\": \"pd-access-b\","
                + " \"refresh_token\": \"pd-refresh-b\", \"expires_in\": 3599, \"api_domain\": \"https://acme.pipedrive.com\"}")));
        crm.stubFor(get(urlPathEqualTo(PipedriveFake.personsSearch("acme.pipedrive.com"))).willReturn(okJson(
                "{\"success\": true, \"data\": {\"items\": [{\"item\": {\"id\": 42, \"name\": \"Ada Lovelace\"}}]}}")));
        crm.stubFor(post(urlPathEqualTo("/oauth/revoke")).willReturn(aResponse().withStatus(200)));
        // Pipedrive's authorization page: the user allows at once, and Pipedrive sends the browser back.
        List<String> authorizationPages = new CopyOnWriteArrayList<>();
        context.route(url -> url.startsWith(DemoOrigin.PIPEDRIVE_AUTHORIZATION_PAGE + "?"), route -> {
            authorizationPages.add(route.request().url());
            Map<String, String> query = new HashMap<>();
            for (String pair : URI.create(route.request().url()).getQuery().split("&")) {
                query.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
            route.fulfill(new Route.FulfillOptions().setStatus(302).setHeaders(Map.of("Location",
                    UriBuilder.fromUri(query.get("redirect_uri")).queryParam("code", "pd-code-b").queryParam("state", query.get("state")).build().toString())));
        });
        page.selectOption("#crm", "pipedrive");
        Page authorization = context.waitForPage(() -> page.click("#sign-in"));
        page.waitForSelector("#signed-in:not(:empty)");
        assertThat(authorization.isClosed()).isTrue();
        assertThat(authorizationPages).singleElement().asString()
                .startsWith(DemoOrigin.PIPEDRIVE_AUTHORIZATION_PAGE + "?client_id=" + PipedriveFake.CLIENT_ID + "&");
        assertThat(page.inputValue("#hostname")).isEqualTo("acme.pipedrive.com");
        LoggedRequest exchange = crm.findAll(postRequestedFor(urlPathEqualTo("/oauth/token"))).get(0);
        assertThat(exchange.formParameter("code").firstValue()).isEqualTo("pd-code-b");

        assertThat(incomingCallFrom("+1 415 555 0100").url()).isEqualTo("https://acme.pipedrive.com/person/42");
        assertThat(crm.findAll(getRequestedFor(urlPathEqualTo(PipedriveFake.personsSearch("acme.pipedrive.com")))))
                .allSatisfy(search -> assertThat(search.getHeader("Authorization")).isEqualTo("Bearer pd-access-b"));

        page.click("#logout");
        page.waitForSelector("#signed-in:empty", ATTACHED);
        assertThat(crm.findAll(postRequestedFor(urlPathEqualTo("/oauth/revoke"))))
                .extracting(revoke -> revoke.formParameter("token").firstValue()).containsExactly("pd-refresh-b", "pd-access-b");
    }

    @Test
    void denyingTheSignInShowsWhyAndKeepsNothing() {
        page.selectOption("#crm", "sample");
        Page authorization = context.waitForPage(() -> page.click("#sign-in"));
        authorization.waitForSelector("#deny");
        authorization.click("#deny");
        page.waitForSelector("#error:not(:empty)");
        assertThat(page.textContent("#error")).isEqualTo("The sign-in to sample was not completed: access_denied.");
        assertThat(page.evaluate("() => localStorage.getItem('callpop.sign-in.sample')")).isNull();
    }

    /** Authorization pages a tampered sign-in answer could name: script in the sign-in window, a plain-http page elsewhere. */
    static Stream<String> hostileAuthorizationPages() {
        return Stream.of("javascript:alert(1)//authorize?client_id=x", "http://127.0.0.1:9/attacker-oauth/authorize?x=1");
    }

    /** callpop's sign-in answer replaced in the browser (callpop itself refuses to answer such a page). */
    private void answerPipedriveSignInWith(String authorizationUrl) {
        page.route("**/api/v1/crms/pipedrive/sign-in", route -> route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("application/json")
                .setBody("{\"crm\": \"pipedrive\", \"authorizationUrl\": \"" + authorizationUrl + "\", \"state\": \"s\"}")));
    }

    @ParameterizedTest
    @MethodSource("hostileAuthorizationPages")
    void anAuthorizationPageThatIsNotHttpsIsRefusedAndNothingIsOpened(String hostile) {
        answerPipedriveSignInWith(hostile);
        List<String> navigated = new CopyOnWriteArrayList<>();
        List<String> dialogs = new CopyOnWriteArrayList<>();
        List<String> requested = new CopyOnWriteArrayList<>();
        Consumer<Dialog> noteDialog = dialog -> {
            dialogs.add(dialog.message());
            dialog.dismiss();
        };
        page.onDialog(noteDialog);
        context.onPage(opened -> {
            opened.onFrameNavigated(frame -> navigated.add(frame.url()));
            opened.onDialog(noteDialog);
        });
        context.onRequest(request -> requested.add(request.url()));
        page.selectOption("#crm", "pipedrive");

        Page popup = context.waitForPage(() -> page.click("#sign-in"));
        page.waitForSelector("#error:not(:empty)");
        assertThat(page.textContent("#error")).isEqualTo("callpop answered an authorization page that is not https: refused");
        if (!popup.isClosed()) {
            popup.waitForClose(() -> { });
        }
        assertThat(navigated).as("pages the sign-in window went to").allMatch("about:blank"::equals);
        assertThat(requested).noneMatch(url -> url.startsWith("http://127.0.0.1:9/") || url.contains("attacker-oauth"));
        assertThat(dialogs).isEmpty();
        assertThat(page.url()).isEqualTo(demo.toString());
        assertThat(crmPagesOpened).isEmpty();
        assertThat(callpopRequests).noneMatch(r -> r.url().endsWith("/sign-in/complete"));
        assertThat(page.evaluate("() => localStorage.getItem('callpop.sign-in.pipedrive')")).isNull();
    }

    @ParameterizedTest
    @MethodSource("hostileAuthorizationPages")
    void anExtensionsAuthorizeIsNotCalledWithAnAuthorizationPageThatIsNotHttps(String hostile) {
        answerPipedriveSignInWith(hostile);
        Object outcome = page.evaluate("""
                async (token) => {
                  const { createCallpopClient } = await import("/client/callpop-client.js");
                  const authorized = [];
                  const callpop = createCallpopClient({ getToken: async () => token });
                  try {
                    await callpop.signIn("pipedrive", { redirectUri: new URL("/demo/", location.href).href,
                      authorize: async (url) => { authorized.push(url); return new URL("/demo/?code=c&state=s", location.href).href; } });
                    return "signed in";
                  } catch (e) {
                    return `${e.message} | authorize called ${authorized.length} times`;
                  }
                }""", Tokens.client());
        assertThat(outcome).isEqualTo("callpop answered an authorization page that is not https: refused | authorize called 0 times");
        assertThat(callpopRequests).noneMatch(r -> r.url().endsWith("/sign-in/complete"));
        assertThat(page.evaluate("() => localStorage.getItem('callpop.sign-in.pipedrive')")).isNull();
    }
}
