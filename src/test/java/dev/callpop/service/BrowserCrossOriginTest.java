package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.sun.net.httpserver.HttpServer;

import dev.callpop.service.testing.Api;
import dev.callpop.service.testing.Chromium;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The README's softphone page ("Use from a telephony client", {@code softphone.html}), exactly as written there but for
 * callpop's address, served from another origin (a JDK HTTP server on another loopback port) in headless Chromium with
 * its popup blocker on: with its origin in {@code quarkus.http.cors.origins} (the one setting) it loads the client from
 * callpop and a call opens the caller's page; on an origin that is not in the list it still loads the client, and
 * the client's error names the page's origin and the setting. CRM pages are answered inside the browser.
 */
@QuarkusTest
@TestProfile(BrowserCrossOriginTest.SoftphoneOrigin.class)
class BrowserCrossOriginTest {

    /** callpop allowing one softphone origin, on a port known before callpop starts. */
    public static class SoftphoneOrigin implements QuarkusTestProfile {
        static final int ALLOWED_PORT = freePort();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.cors.origins", "http://localhost:" + ALLOWED_PORT);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address the README's page names for callpop. */
    private static final String README_CALLPOP = "http://localhost:8080";

    @RegisterExtension
    static final Chromium.PerClass chromium = new Chromium.PerClass();

    @TestHTTPResource("/")
    URL callpop;

    /** The allowed origin as callpop read it (the profile's class may be loaded twice, each time with its own port). */
    @ConfigProperty(name = "quarkus.http.cors.origins")
    URI allowedOrigin;

    private HttpServer softphoneServer;
    private BrowserContext context;
    private final List<String> crmPagesOpened = new CopyOnWriteArrayList<>();

    /**
     * A fresh JVM's first look-up by phone can outlive the sample CRM's lookup-timeout on a loaded machine (callpop's
     * deadline, which answers the search page instead): one look-up of a number nobody has goes first.
     */
    private static boolean lookUpWarmed;

    @BeforeEach
    void openBrowser() {
        if (!lookUpWarmed) {
            Api.asClient().contentType(ContentType.JSON).body("{\"call\": {\"from\": \"+14155550199\"}}")
                    .when().post("/api/v1/crms/sample/call-received").then().statusCode(200);
            lookUpWarmed = true;
        }
        context = chromium.contextAnsweringCrmPages(crmPagesOpened);
    }

    @AfterEach
    void close() {
        context.close();
        if (softphoneServer != null) {
            softphoneServer.stop(0);
        }
    }

    /** The README's softphone.html, the first html block after its name in "Use from a telephony client". */
    static String readmeSoftphonePage() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Use from a telephony client"));
        String fromName = section.substring(section.indexOf("`softphone.html`:"));
        int start = fromName.indexOf("```html\n") + "```html\n".length();
        return fromName.substring(start, fromName.indexOf("```\n", start));
    }

    /** Serves the README's page, pointed at this callpop, from a server on this port; answers its address. */
    private String serveSoftphone(int port) throws IOException {
        String page = readmeSoftphonePage();
        assertThat(page).contains(README_CALLPOP + "/client/callpop-client.js");
        byte[] body = page.replace(README_CALLPOP, callpop.toString().replaceAll("/$", "")).getBytes(StandardCharsets.UTF_8);
        softphoneServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        softphoneServer.createContext("/softphone.html", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        softphoneServer.start();
        return "http://localhost:" + port + "/softphone.html";
    }

    @Test
    void theReadmesPageOnAnAllowedOriginTakesACallThroughCallpop() throws IOException {
        Page page = context.newPage();
        page.navigate(serveSoftphone(allowedOrigin.getPort()));
        page.fill("#token", Tokens.client());
        page.click("#ring");
        page.waitForSelector("#out:not(:empty)");
        assertThat(page.textContent("#out")).isEqualTo("opened in a tab");
        assertThat(context.pages()).hasSize(2);
        Page opened = context.pages().get(1);
        opened.waitForURL(url -> url.startsWith("https://"));
        assertThat(opened.url()).isEqualTo("https://crm.example.com/?contactId=1001");
        assertThat(crmPagesOpened).containsExactly("https://crm.example.com/?contactId=1001");
    }

    @Test
    void onAnOriginThatIsNotAllowedThePageLoadsTheClientAndItsErrorNamesTheSetting() throws IOException {
        int refusedPort = freePort();
        Page page = context.newPage();
        List<Response> clientLoads = new CopyOnWriteArrayList<>();
        page.onResponse(response -> {
            if (response.url().endsWith("/client/callpop-client.js")) {
                clientLoads.add(response);
            }
        });
        page.navigate(serveSoftphone(refusedPort));
        page.fill("#token", Tokens.client());
        page.click("#ring");
        page.waitForSelector("#out:not(:empty)");
        assertThat(page.textContent("#out")).isEqualTo("callpop could not be reached (Failed to fetch). If callpop is running, is this page's origin"
                + " (http://localhost:" + refusedPort + ") in its quarkus.http.cors.origins?");
        assertThat(clientLoads).singleElement().satisfies(load -> {
            assertThat(load.status()).isEqualTo(200);
            assertThat(load.headerValue("access-control-allow-origin")).isEqualTo("*");
        });
        assertThat(context.pages()).hasSize(1);
        assertThat(crmPagesOpened).isEmpty();
    }
}
