package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;

import dev.callpop.service.testing.Chromium;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The demo softphone as a person sees it, in headless Chromium (popup blocker on): each step starts from clean
 * panels, logout lists its steps, the contact picker is the client's styled "Choose a contact" dialog, the sample
 * CRM's pages open on callpop's stand-in page (its host is fictional), long lines wrap, a blocked page's notice, and
 * nothing the demo loads answers 404. Each step's screenshot is written to {@code target/demo-screenshots/}
 * ({@code dev/screenshots.sh} copies them to {@code docs/screenshots/}).
 */
@QuarkusTest
@TestProfile(BrowserSignInTest.DemoOrigin.class)
class BrowserDemoTest {

    private static final Path SCREENSHOTS = Path.of("target", "demo-screenshots");

    @RegisterExtension
    static final Chromium.PerClass chromium = new Chromium.PerClass();

    @TestHTTPResource("/demo/")
    URL demo;

    private BrowserContext context;
    private Page page;
    private final List<String> crmPagesOpened = new CopyOnWriteArrayList<>();
    private final List<String> notFound = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openDemo() {
        context = chromium.contextAnsweringCrmPages(crmPagesOpened);
        context.onResponse(response -> {
            if (response.status() == 404) {
                notFound.add(response.url());
            }
        });
        page = context.newPage();
        page.setViewportSize(1280, 900);
        page.navigate(demo.toString());
        page.fill("#token", Tokens.client());
    }

    @AfterEach
    void close() {
        context.close();
        assertThat(notFound).as("pages and files the demo loaded that answered 404").isEmpty();
    }

    private static void screenshot(Page of, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        of.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        assertThat(file).isNotEmptyFile();
    }

    private Page incomingCall(String crm, String hostname, String contactId) {
        page.selectOption("#crm", crm);
        page.fill("#hostname", hostname);
        page.fill("#contact-id", contactId);
        Page opened = context.waitForPage(() -> page.click("#incoming"));
        page.waitForSelector("#report li");
        return opened;
    }

    @Test
    void aSampleCrmPageOpensOnCallpopsStandInPage() throws IOException {
        Page standIn = incomingCall("sample", "", "42");
        standIn.waitForSelector("#what");
        assertThat(standIn.textContent("#what")).isEqualTo("Contact 42");
        assertThat(standIn.textContent("#url")).isEqualTo("https://crm.example.com?contactId=42");
        assertThat(crmPagesOpened).as("the fictional host is never asked").isEmpty();
        assertThat(page.textContent("#report")).contains("opened in a tab: https://crm.example.com?contactId=42");
        screenshot(page, "01-incoming-call");
        screenshot(standIn, "02-sample-crm-stand-in-page");

        page.fill("#contact-id", "");
        page.fill("#log-id", "77");
        Page logPage = context.waitForPage(() -> page.click("#open-log"));
        logPage.waitForSelector("#what");
        assertThat(logPage.textContent("#what")).isEqualTo("Call log 77");
    }

    @Test
    void anotherCrmsPageOpensAsCallpopAnsweredIt() {
        Page opened = incomingCall("pipedrive", "acme.pipedrive.com", "1234");
        opened.waitForURL(url -> url.startsWith("https://"));
        assertThat(opened.url()).isEqualTo("https://acme.pipedrive.com/person/1234");
    }

    @Test
    void eachStepStartsFromCleanPanels() throws IOException {
        page.selectOption("#crm", "bullhorn");
        page.fill("#hostname", "cls21.bullhornstaffing.com");
        page.fill("#contact-id", "9876");
        page.fill("#contact-type", "Placement");
        page.click("#incoming");
        page.waitForSelector("#error:not(:empty)");
        screenshot(page, "06-readable-error");

        page.fill("#contact-type", "Candidate");
        page.click("#logout");
        page.waitForSelector("#steps li");
        assertThat(page.textContent("#error")).as("the error of the step before").isEmpty();
        assertThat(page.locator("#steps li.step-not-needed").allTextContents())
                .containsExactly("end-rest-session: not needed (Bullhorn REST sessions end by themselves when unused; the client forgets its BhRestToken.)");

        page.selectOption("#crm", "sample");
        page.fill("#hostname", "");
        page.fill("#contact-type", "");
        page.fill("#contact-id", "42");
        context.waitForPage(() -> page.click("#incoming"));
        page.waitForSelector("#report li.done");
        assertThat(page.isVisible("#steps-block")).as("the logout's steps").isFalse();
        assertThat(page.locator("#steps li").count()).isZero();
        assertThat(page.textContent("#answer")).contains("\"event\": \"call-received\"").doesNotContain("logout");

        page.click("#hang-up");
        page.waitForSelector("#logged");
        screenshot(page, "05-hang-up-logged");
        page.click("#logout");
        page.waitForSelector("#answer:has-text('\"event\": \"logout\"')");
        assertThat(page.locator("#call-log *").count()).as("the log of the step before").isZero();
    }

    @Test
    void logoutListsItsStepsAtTheCrm() throws IOException {
        page.selectOption("#crm", "sample");
        Page authorization = context.waitForPage(() -> page.click("#sign-in"));
        authorization.waitForSelector("#allow");
        screenshot(authorization, "00-sign-in-sample-crm");
        authorization.click("#allow");
        page.waitForSelector("#signed-in:not(:empty)");
        page.click("#logout");
        page.waitForSelector("#steps li");
        assertThat(page.locator("#steps li").allTextContents()).containsExactly("revoke-refresh-token: done", "revoke-access-token: done");
        assertThat(page.locator("#steps li.step-done").count()).isEqualTo(2);
        screenshot(page, "07-logout-steps");
    }

    @Test
    void theContactPickerIsTheClientsStyledChooseAContactDialog() throws IOException {
        page.selectOption("#crm", "sample");
        page.fill("#phone", "+1 415 555 0123");
        page.selectOption("#pref-multiple", "prompt");
        page.click("#incoming");
        page.waitForSelector("dialog.callpop-choose-contact[open]");
        assertThat(page.textContent("dialog .callpop-choose-contact-title")).isEqualTo("Choose a contact");
        assertThat(page.textContent("dialog .callpop-reason")).isEqualTo("2 contacts have this number; the agent chooses which to open.");
        assertThat(page.evaluate("() => [getComputedStyle(document.querySelector('dialog .callpop-contact')).backgroundColor,"
                + " getComputedStyle(document.querySelector('dialog.callpop-choose-contact')).borderRadius]"))
                .as("the client's default style").isEqualTo(List.of("rgb(9, 105, 218)", "10px"));
        screenshot(page, "03-choose-a-contact");
        page.click("dialog .callpop-none");
    }

    @Test
    void aCallFromThePhoneLineSecondsAfterTheLastClickIsBlockedAndOfferedAsANotice() throws IOException {
        page.selectOption("#crm", "pipedrive");
        page.fill("#hostname", "acme.pipedrive.com");
        page.fill("#contact-id", "42");
        // The page's own timer rings after Chromium's 5 s of user activation have passed: the pop has no click left. The
        // test waits for the demo's console line without touching the page (a script of the test's would be a user gesture).
        ConsoleMessage step = page.waitForConsoleMessage(new Page.WaitForConsoleMessageOptions().setTimeout(20_000)
                .setPredicate(m -> m.text().startsWith("callpop demo: ")), () -> page.click("#ring-later"));
        assertThat(step.text()).isEqualTo("callpop demo: the browser blocked the page: the agent was offered \"Open contact 42\"");
        assertThat(page.textContent(".callpop-notice-open")).isEqualTo("Open contact 42 in Pipedrive");
        assertThat(page.locator("#report li.offered").allTextContents())
                .containsExactly("the browser blocked the page: the agent was offered \"Open contact 42\"");
        assertThat(context.pages()).hasSize(1);
        screenshot(page, "04-blocked-page-notice");
        Page opened = context.waitForPage(() -> page.click(".callpop-notice-open"));
        opened.waitForURL(url -> url.startsWith("https://"));
        assertThat(opened.url()).isEqualTo("https://acme.pipedrive.com/person/42");
    }

    @Test
    void longLinesWrapInsteadOfWideningThePage() {
        page.setViewportSize(900, 700);
        page.fill("#contact-type", "Candidate");
        incomingCall("bullhorn", "cls21.bullhornstaffing.com", "98765432109876543210987654321");
        assertThat(page.evaluate("() => [document.documentElement.scrollWidth <= window.innerWidth,"
                + " document.getElementById('answer').scrollWidth <= document.getElementById('answer').clientWidth,"
                + " document.getElementById('report').scrollWidth <= document.getElementById('report').clientWidth]"))
                .isEqualTo(List.of(true, true, true));
    }
}
