package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import dev.callpop.service.testing.Chromium;
import dev.callpop.service.testing.DevPostEvent;

/**
 * The README's run command on another port than 8080 ({@code dev/run.sh -Dquarkus.http.port=…}, the local profile),
 * with the demo softphone in headless Chromium (popup blocker on): the demo signs in to the sample CRM through its
 * stand-in authorization page and comes back to the demo on that port (the local profile's redirect URIs follow
 * {@code quarkus.http.port}), a call is looked up with the kept credentials and the sample CRM's stand-in page opens,
 * logout lists its steps, and no page the demo loads answers 404 (the favicon included); the demo's stream of server
 * events, open when callpop stops, comes back when callpop is started again on its port, and a posted event pops.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the restart last: the other test's sign-in is one instance's
class LocalProfileBrowserIT {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final Path NATIVE = Path.of(System.getProperty("native.image.path", "target/no-native-executable"));

    @RegisterExtension
    static final Chromium.PerClass chromium = new Chromium.PerClass();

    private static RunModesIT.Started callpop;
    private static int port;
    private static String token;

    @BeforeAll
    static void startOnAnotherPort() throws Exception {
        Assumptions.assumeFalse(Files.isExecutable(NATIVE), "dev/run.sh runs the JVM build; the native build is started directly");
        port = RunModesIT.freePort();
        assertThat(port).isNotEqualTo(8080);
        Process mint = new ProcessBuilder("bash", "dev/local-token.sh").redirectErrorStream(true).start();
        token = new String(mint.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(mint.waitFor()).isZero();
        run();
    }

    /** The README's run command on the port; answers once it answers and has made its first look-up. */
    private static void run() throws Exception {
        Path log = Files.createTempFile("callpop-local", ".log");
        ProcessBuilder run = new ProcessBuilder("bash", "dev/run.sh", "-Dquarkus.http.port=" + port).redirectErrorStream(true).redirectOutput(log.toFile());
        run.environment().put("JAVA", JAVA);
        callpop = new RunModesIT.Started(run.start(), log);
        HttpClient http = HttpClient.newHttpClient();
        RunModesIT.awaitListening(callpop, http, URI.create(base() + "/q/health"));
        // A fresh JVM's first look-up by phone can outlive the sample CRM's lookup-timeout (callpop answers the search
        // page at its deadline): one look-up of a number nobody has goes first.
        http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/crms/sample/call-received")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"call\": {\"from\": \"+14155550199\"}}")).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (callpop != null) {
            callpop.process().destroy();
            callpop.process().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String base() {
        return "http://localhost:" + port;
    }

    @Test
    @Order(1)
    void theDemoSignsInToTheSampleCrmWithCallpopOnAnotherPort() throws Exception {
        List<String> crmPagesOpened = new CopyOnWriteArrayList<>();
        List<String> notFound = new CopyOnWriteArrayList<>();
        BrowserContext context = chromium.contextAnsweringCrmPages(crmPagesOpened);
        context.onResponse(response -> {
            if (response.status() == 404) {
                notFound.add(response.url());
            }
        });
        try {
            Page page = context.newPage();
            page.navigate(base() + "/demo/");
            page.fill("#token", token);
            page.selectOption("#crm", "sample");
            Page authorization = context.waitForPage(() -> page.click("#sign-in"));
            authorization.waitForSelector("#allow");
            authorization.click("#allow");
            page.waitForSelector("#signed-in:not(:empty), #error:not(:empty)");
            assertThat(page.textContent("#error")).as("the sign-in's error, if any").isEmpty();
            assertThat(page.textContent("#signed-in")).isEqualTo("Signed in to sample (sealed credentials).");

            page.fill("#phone", "+1 415 555 0100");
            Page standIn = context.waitForPage(() -> page.click("#incoming"));
            standIn.waitForSelector("#what");
            assertThat(standIn.url()).isEqualTo(base() + "/demo/sample-crm/page?url=https%3A%2F%2Fcrm.example.com%3FcontactId%3D1001");
            assertThat(standIn.textContent("#what")).isEqualTo("Contact 1001");
            assertThat(crmPagesOpened).as("nothing was asked of the fictional host").isEmpty();

            page.click("#logout");
            page.waitForSelector("#steps li");
            assertThat(page.locator("#steps li").allTextContents()).containsExactly("revoke-refresh-token: done", "revoke-access-token: done");
            assertThat(page.textContent("#signed-in")).isEmpty();
            assertThat(notFound).as("pages and files answered 404").isEmpty();
        } finally {
            context.close();
        }
        assertThat(callpop.output()).contains("Profile local activated").contains(":" + port);
    }

    @Test
    @Order(2)
    void theDemosStreamOfServerEventsComesBackWhenCallpopIsStartedAgainAndAPostedEventPops() throws Exception {
        BrowserContext context = chromium.contextAnsweringCrmPages(new CopyOnWriteArrayList<>());
        try {
            Page page = context.newPage();
            page.navigate(base() + "/demo/");
            page.fill("#token", token);
            page.selectOption("#crm", "sample");
            page.click("#listen");
            page.waitForSelector("#stream-state.connected");

            callpop.process().destroy(); // a deployment's restart: the replica stops, another starts on its address
            assertThat(callpop.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            page.waitForSelector("#stream-state.waiting");
            assertThat(page.textContent("#stream-state")).startsWith("Reconnecting in ");
            run();
            page.waitForSelector("#stream-state.connected", new Page.WaitForSelectorOptions().setTimeout(60_000));
            assertThat(page.textContent("#stream-state")).isEqualTo("Connected: events of local-phone for developer@example.com.");

            DevPostEvent.post(base(), Files.createTempDirectory("callpop-dev-calls"), "ringing");
            page.waitForSelector(".callpop-notice-open");
            assertThat(page.textContent(".callpop-notice-open")).startsWith("Open Ada Lovelace in ");
        } finally {
            context.close();
        }
    }
}
