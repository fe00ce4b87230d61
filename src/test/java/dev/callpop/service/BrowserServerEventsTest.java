package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;

import dev.callpop.service.testing.Chromium;
import dev.callpop.service.testing.DevPostEvent;
import dev.callpop.service.testing.DroppingProxy;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The demo softphone in "server events" mode, in headless Chromium (popup blocker on): a telephony platform's event,
 * posted by {@code dev/post-event.sh} with the local profile's source and key, pops the page as the client's
 * one-click notice and one click opens it; an ended event logs the call and the demo shows it, with "Open log"; when
 * the stream's connection is dropped the client connects again and the next event arrives once. The demo reaches
 * callpop through a proxy on loopback whose connections the test cuts. How the client's listen keeps the stream open is
 * also checked against stream answers the browser itself gives one after another (so each can be a clean close, a
 * 503 or a 403 on cue): a stream the server closed cleanly is opened again at once, failures wait a back-off that
 * doubles up to its cap, with jitter, and a 403 stops it with the problem, for good.
 */
@QuarkusTest
@TestProfile(BrowserServerEventsTest.LocalPhone.class)
class BrowserServerEventsTest {

    /** The local profile's telephony source, as application.properties configures it, in the test profile. */
    public static class LocalPhone implements QuarkusTestProfile {
        static final String SOURCE = "callpop.telephony.sources.local-phone.";

        @Override
        public Map<String, String> getConfigOverrides() {
            // Heartbeats each second, so that a client may take 3 silent seconds for a dead connection.
            return Map.of(SOURCE + "crm", "sample", SOURCE + "api-keys", localSetting(SOURCE + "api-keys"), "callpop.telephony.heartbeat", "1s");
        }

        static String localSetting(String key) {
            try {
                return Files.readAllLines(Path.of("src", "main", "resources", "application.properties")).stream()
                        .filter(line -> line.startsWith("%local." + key + "=")).map(line -> line.substring(line.indexOf('=') + 1))
                        .findFirst().orElseThrow(() -> new IllegalStateException("the local profile sets no " + key));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @RegisterExtension
    static final Chromium.PerClass chromium = new Chromium.PerClass();

    @TestHTTPResource("/")
    URL callpop;

    private DroppingProxy proxy;
    private BrowserContext context;
    private Page page;
    private Path calls;
    private final List<String> crmPagesOpened = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openDemo() throws IOException {
        calls = Files.createTempDirectory("callpop-dev-calls");
        proxy = DroppingProxy.to(callpop.getPort());
        context = chromium.contextAnsweringCrmPages(crmPagesOpened);
        context.onRequest(request -> {
            if (request.url().contains("/agent-events")) {
                streamsOpened.incrementAndGet();
            }
        });
        page = context.newPage();
        page.setViewportSize(1280, 900);
        page.navigate("http://localhost:" + proxy.port() + "/demo/");
        page.selectOption("#crm", "sample");
    }

    private final AtomicInteger streamsOpened = new AtomicInteger();

    /** Listens with a token naming the agent in its email claim, as dev/local-token.sh mints it. */
    private void listen() {
        page.fill("#token", Tokens.sign(Tokens.claims("callpop").claim("email", "developer@example.com")));
        page.click("#listen");
        page.waitForSelector("#stream-state.connected");
    }

    @AfterEach
    void close() {
        context.close();
        proxy.close();
    }

    /** Runs dev/post-event.sh against this callpop; answers what callpop answered. */
    private String postEvent(String... arguments) throws IOException, InterruptedException {
        return DevPostEvent.post(callpop.toString(), calls, arguments);
    }

    private static String sessionOf(String answer) {
        return answer.replaceAll("(?s).*\"sessionId\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void aPostedRingingEventPopsThePageAsTheNoticeAndOneClickOpensIt() throws IOException, InterruptedException {
        listen();
        assertThat(page.textContent("#stream-state")).isEqualTo("Connected: events of local-phone for developer@example.com.");
        String session = sessionOf(postEvent("ringing"));

        page.waitForSelector(".callpop-notice-open");
        assertThat(page.textContent(".callpop-notice-open")).startsWith("Open Ada Lovelace in ");
        assertThat(context.pages()).as("nothing opened without the agent's click").hasSize(1);
        assertThat(page.textContent("#pushed li.pop")).isEqualTo("Pop for call " + session
                + ": pushed without a click: the agent was offered \"Open Ada Lovelace\"");

        screenshot("08-server-events-pop");
        Page standIn = context.waitForPage(() -> page.click(".callpop-notice-open"));
        standIn.waitForSelector("#what");
        assertThat(standIn.textContent("#what")).isEqualTo("Contact 1001");
        assertThat(crmPagesOpened).as("the fictional host is never asked").isEmpty();
        assertThat(page.locator(".callpop-notice").count()).as("the notice is gone once its page opened").isZero();
    }

    @Test
    void aPushedPopOfSeveralContactsShowsThePickerAndThePickedContactOpensOnThatClick() throws IOException, InterruptedException {
        page.selectOption("#pref-multiple", "prompt");
        listen();
        postEvent("ringing", "+14155550123");

        page.waitForSelector("dialog.callpop-choose-contact");
        assertThat(page.locator("dialog.callpop-choose-contact button.callpop-contact").allTextContents()).hasSize(2);
        Page standIn = context.waitForPage(() -> page.locator("dialog.callpop-choose-contact button.callpop-contact").first().click());
        standIn.waitForSelector("#what");
        assertThat(standIn.textContent("#what")).isEqualTo("Contact 1002");
        page.waitForSelector("#pushed li.pop");
        assertThat(page.textContent("#pushed li.pop")).endsWith(": opened Grace Hopper in a tab");
    }

    @Test
    void aPostedEndedEventLogsTheCallAndTheDemoShowsItWithOpenLog() throws IOException, InterruptedException {
        listen();
        String session = sessionOf(postEvent("ringing"));
        page.waitForSelector("#pushed li.pop");
        postEvent("ended");

        page.waitForSelector("#pushed li.call-log");
        String logged = page.textContent("#pushed li.call-log");
        assertThat(logged).matches("Logged call " + session + ": log \\S+ to Ada Lovelace \\(1001\\)\\.Open log");
        String logId = page.inputValue("#log-id");
        assertThat(page.locator(".callpop-notice-open").allTextContents()).contains("Open call log " + logId + " in "
                + page.textContent(".callpop-notice-open").replaceAll(".* in ", ""));

        Page logPage = context.waitForPage(() -> page.click("#pushed li.call-log .open-pushed-log"));
        logPage.waitForSelector("#what");
        assertThat(logPage.textContent("#what")).isEqualTo("Call log " + logId);
    }

    @Test
    void theStreamConnectsAgainAfterItsConnectionDropsAndTheNextEventArrivesOnce() throws IOException, InterruptedException {
        listen();
        proxy.dropAll();
        page.waitForSelector("#stream-state.waiting");
        assertThat(page.textContent("#stream-state")).startsWith("Reconnecting in ");
        page.waitForSelector("#stream-state.connected");

        String session = sessionOf(postEvent("ringing"));
        page.waitForSelector("#pushed li.pop");
        postEvent("ended");
        // An agent's pushes arrive in callpop's order: once the call's log is shown, a second pop would be too.
        page.waitForSelector("#pushed li.call-log");
        assertThat(page.locator("#pushed li.pop").allTextContents()).singleElement().asString().startsWith("Pop for call " + session + ":");
        assertThat(page.locator("#pushed li.call-log").count()).isEqualTo(1);
    }

    /**
     * The client as an extension makes it: its own openUrl (an extension's chrome.tabs.create), pushed pages opened
     * directly, no onPop (carrying out a pop needs none); states and opened pages recorded in the page.
     */
    private void listenAsAnExtension(int silentSeconds) {
        page.evaluate("""
                async ([token, silentSeconds]) => {
                  const { createCallpopClient } = await import("/client/callpop-client.js");
                  window.states = [];
                  window.opened = [];
                  window.offered = [];
                  const callpop = createCallpopClient({ getToken: async () => token,
                    openUrl: async (url, target) => { window.opened.push({ url, target }); return true; },
                    onBlockedPage: (page) => window.offered.push(page.url) });
                  window.stream = callpop.listen("sample", { pushedPages: "open", silentSeconds, preferences: { inbound: "ringing" },
                    reconnectSeconds: 0.2, onState: (s) => states.push(s.state) });
                }""", List.of(Tokens.sign(Tokens.claims("callpop").claim("email", "developer@example.com")), silentSeconds));
        waitFor("() => window.states.includes('connected')");
    }

    /** Waits until the page's expression is true, for 15 s at most, saying what the page recorded when it is not. */
    private void waitFor(String expression) {
        long until = System.currentTimeMillis() + 15_000;
        while (!Boolean.TRUE.equals(page.evaluate(expression))) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("not true within 15 s: " + expression + "; "
                        + page.evaluate("() => JSON.stringify({ opened: window.opened, states: window.states })"));
            }
            page.waitForTimeout(100);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void anExtensionsClientOpensAPushedPageDirectlyWithItsOwnOpener() throws IOException, InterruptedException {
        listenAsAnExtension(45);
        postEvent("ringing");
        waitFor("() => window.opened.length > 0");
        List<Map<String, Object>> opened = (List<Map<String, Object>>) page.evaluate("() => window.opened");
        assertThat(opened).singleElement().satisfies(open -> {
            assertThat(open.get("url")).isEqualTo("https://crm.example.com?contactId=1001");
            assertThat(open.get("target")).isEqualTo("tab");
        });
        assertThat((List<String>) page.evaluate("() => window.offered")).as("opened, not offered").isEmpty();
        assertThat(context.pages()).as("the extension's opener, not window.open").hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aConnectionThatFallsSilentIsOpenedAgainAndTheNextEventArrivesOnce() throws IOException, InterruptedException {
        listenAsAnExtension(3);
        proxy.silenceAll(); // the connection stays open and carries nothing: no heartbeat reaches the client
        waitFor("() => window.states.filter((s) => s === 'connected').length === 2");
        assertThat((List<String>) page.evaluate("() => window.states")).containsExactly("connecting", "connected", "waiting", "reconnecting",
                "connected");
        postEvent("ringing");
        waitFor("() => window.opened.length > 0");
        postEvent("ringing");
        waitFor("() => window.opened.length > 1");
        assertThat((List<Object>) page.evaluate("() => window.opened")).as("each pop once, on the new connection").hasSize(2);
    }

    @Test
    void aTokenNamingNoAgentStopsTheStreamWithTheProblemAndNoRetry() throws IOException {
        page.fill("#token", Tokens.client());
        page.click("#listen");
        page.waitForSelector("#stream-state.stopped");
        assertThat(page.textContent("#stream-state")).startsWith("Stopped: ").contains("no email claim").endsWith("(HTTP 403)");
        assertThat(page.textContent("#listen")).isEqualTo("Listen for server events");
        page.fill("#token", "not-a-token");
        page.click("#listen");
        page.waitForSelector("#stream-state.stopped");
        assertThat(page.textContent("#stream-state")).startsWith("Stopped: ").endsWith("(HTTP 401)");
        screenshot("09-server-events-stopped");
        assertThat(streamsOpened.get()).as("each refused once, not retried").isEqualTo(2);
    }

    private void screenshot(String name) throws IOException {
        Path folder = Path.of("target", "demo-screenshots");
        Files.createDirectories(folder);
        page.screenshot(new Page.ScreenshotOptions().setPath(folder.resolve(name + ".png")).setFullPage(true));
    }

    private static final String READY = "event: ready\ndata: {\"crm\":\"sample\",\"hostname\":\"crm.example.com\",\"agent\":\"ada@example.com\","
            + "\"sources\":[\"plain\"]}\n\n: heartbeat\n\n";

    private static void answer(Route route, int status, String type, String body) {
        route.fulfill(new Route.FulfillOptions().setStatus(status).setContentType(type).setBody(body));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCleanCloseReconnectsAtOnceFailuresBackOffUpToTheCapAndA403Stops() {
        AtomicInteger opened = new AtomicInteger();
        List<String> queries = new ArrayList<>();
        page.route("**/api/v1/crms/sample/agent-events**", route -> {
            queries.add(route.request().url().replaceAll("^[^?]*", ""));
            int n = opened.incrementAndGet();
            if (n <= 2) {
                answer(route, 200, "text/event-stream", READY); // the whole body: the server closed the stream cleanly
            } else if (n <= 6) {
                answer(route, 503, "application/problem+json", "{\"title\":\"Service Unavailable\",\"status\":503}");
            } else {
                answer(route, 403, "application/problem+json", "{\"type\":\"urn:callpop:problem:forbidden\",\"title\":\"Forbidden\",\"status\":403,"
                        + "\"detail\":\"The token has no email claim.\"}");
            }
        });
        page.evaluate("""
                async () => {
                  const { createCallpopClient } = await import("/client/callpop-client.js");
                  window.states = [];
                  const callpop = createCallpopClient({ getToken: async () => "a-token" });
                  window.stream = callpop.listen("sample", { hostname: "crm.example.com", preferences: { inbound: "answered" },
                    reconnectSeconds: 0.1, maxReconnectSeconds: 0.3,
                    onState: (s) => states.push({ state: s.state, retry: s.retryInSeconds ?? null, status: s.error?.status ?? null,
                      problem: s.error?.problem?.detail ?? null }) });
                }""");
        page.waitForFunction("() => window.states.some((s) => s.state === 'stopped')");
        List<Map<String, Object>> states = (List<Map<String, Object>>) page.evaluate("() => window.states");

        assertThat(states.stream().map(s -> (String) s.get("state")).toList()).containsExactly(
                "connecting", "connected", "connecting", "connected", "connecting",
                "waiting", "reconnecting", "waiting", "reconnecting", "waiting", "reconnecting", "waiting", "reconnecting", "stopped");
        List<Double> waits = states.stream().filter(s -> s.get("state").equals("waiting")).map(s -> ((Number) s.get("retry")).doubleValue()).toList();
        // Half to all of 0.1 × 2^(attempt − 1) s, at most 0.3 s (rounded to a tenth in the state).
        assertThat(waits.get(0)).isBetween(0.0, 0.1);
        assertThat(waits.get(1)).isBetween(0.1, 0.2);
        assertThat(waits.get(2)).isBetween(0.1, 0.3);
        assertThat(waits.get(3)).isBetween(0.1, 0.3);
        Map<String, Object> stopped = states.get(states.size() - 1);
        assertThat(stopped.get("status")).isEqualTo(403);
        assertThat(stopped.get("problem")).isEqualTo("The token has no email claim.");
        assertThat(opened.get()).as("not opened again once stopped").isEqualTo(7);
        assertThat(queries).allSatisfy(query -> assertThat(query).isEqualTo("?hostname=crm.example.com&inbound=answered"));
        assertThat(page.evaluate("() => window.stream.state.state")).isEqualTo("stopped");
    }

    @Test
    @SuppressWarnings("unchecked")
    void closeStopsTheStreamForGood() {
        AtomicInteger opened = new AtomicInteger();
        page.route("**/api/v1/crms/sample/agent-events**", route -> {
            opened.incrementAndGet();
            answer(route, 503, "application/problem+json", "{\"title\":\"Service Unavailable\",\"status\":503}");
        });
        page.evaluate("""
                async () => {
                  const { createCallpopClient } = await import("/client/callpop-client.js");
                  window.states = [];
                  const callpop = createCallpopClient({ getToken: async () => "a-token" });
                  window.stream = callpop.listen("sample", { reconnectSeconds: 30, onState: (s) => states.push(s.state) });
                }""");
        page.waitForFunction("() => window.states.includes('waiting')");
        page.evaluate("async () => { window.stream.close(); await window.stream.stopped; }");
        assertThat((List<String>) page.evaluate("() => window.states")).containsExactly("connecting", "waiting", "stopped");
        assertThat(opened.get()).isEqualTo(1);
    }
}
