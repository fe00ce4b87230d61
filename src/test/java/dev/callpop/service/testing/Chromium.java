package dev.callpop.service.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Route;

/**
 * Debian's headless Chromium driven by Playwright, for the browser tests; installed with {@code apt-get} when
 * missing (as root), else the test fails saying what to do. Its popup blocker is on, as in a user's browser
 * (Playwright turns it off unless told not to), so a page the client opens too late is blocked here too. Close
 * it after the tests.
 *
 * @param playwright the driver
 * @param browser    the browser
 */
public record Chromium(Playwright playwright, Browser browser) implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /** @return a running headless Chromium */
    public static Chromium launch() throws IOException, InterruptedException {
        DebianPackages.ensure(CHROMIUM, "chromium", "The browser tests");
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        return new Chromium(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setIgnoreDefaultArgs(List.of("--disable-popup-blocking"))
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync"))));
    }

    /**
     * A new browser context in which every CRM page (every {@code https} address) is answered in the browser
     * with a stand-in page and noted, so that nothing leaves the machine. (A predicate, not the
     * {@code "https://**"} glob, which did not match the new tabs' navigations.)
     *
     * @param opened where the address of every CRM page opened is added
     * @return the context
     */
    public BrowserContext contextAnsweringCrmPages(List<String> opened) {
        BrowserContext context = browser.newContext();
        context.route(url -> url.startsWith("https://"), route -> {
            opened.add(route.request().url());
            route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/html").setBody("<h1>CRM page</h1>"));
        });
        return context;
    }

    @Override
    public void close() {
        playwright.close();
    }

    /**
     * One Chromium for a test class, launched before its first test and closed after its last:
     * {@code @RegisterExtension static final Chromium.PerClass chromium = new Chromium.PerClass();}.
     */
    public static final class PerClass implements BeforeAllCallback, AfterAllCallback {
        private Chromium chromium;

        @Override
        public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
            chromium = launch();
        }

        @Override
        public void afterAll(ExtensionContext context) {
            if (chromium != null) {
                chromium.close();
            }
        }

        /**
         * @param opened where the CRM pages the browser asks for are recorded
         * @return a new context of this class's Chromium that answers CRM pages itself
         */
        public BrowserContext contextAnsweringCrmPages(List<String> opened) {
            return chromium.contextAnsweringCrmPages(opened);
        }
    }
}
