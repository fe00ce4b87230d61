package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import dev.callpop.service.testing.Chromium;
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
 * callpop through a proxy on loopback whose connections the test cuts.
 */
@QuarkusTest
@TestProfile(BrowserServerEventsTest.LocalPhone.class)
class BrowserServerEventsTest {

    /** The local profile's telephony source, as application.properties configures it, in the test profile. */
    public static class LocalPhone implements QuarkusTestProfile {
        static final String SOURCE = "callpop.telephony.sources.local-phone.";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(SOURCE + "crm", "sample", SOURCE + "api-keys", localSetting(SOURCE + "api-keys"));
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
        List<String> command = new ArrayList<>(List.of("dev/post-event.sh"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("CALLPOP_URL", callpop.toString().replaceAll("/$", ""));
        builder.environment().put("TMPDIR", calls.toString());
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("dev/post-event.sh finished").isTrue();
        String answer = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(answer).isZero();
        assertThat(answer).contains("\"status\":\"kept\"");
        return answer;
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
}
