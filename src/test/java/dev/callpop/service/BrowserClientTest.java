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
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.LoadState;

import dev.callpop.service.testing.Chromium;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The reference browser client and the demo softphone page, in headless Chromium (Debian's, installed by
 * the test if missing: it fails loudly when it cannot be). CRM pages are answered inside the browser, so
 * nothing leaves the machine.
 */
@QuarkusTest
class BrowserClientTest {

    @RegisterExtension
    static final Chromium.PerClass chromium = new Chromium.PerClass();

    @TestHTTPResource("/demo/")
    URL demo;

    private BrowserContext context;
    private Page page;
    private final List<String> crmPagesOpened = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openDemo() {
        context = chromium.contextAnsweringCrmPages(crmPagesOpened);
        page = context.newPage();
        page.navigate(demo.toString());
        // The sample CRM's pages as callpop answered them (BrowserDemoTest covers the demo's stand-in page).
        page.uncheck("#sample-stand-in");
        page.fill("#token", Tokens.client());
    }

    @AfterEach
    void close() {
        context.close();
    }

    private Page incomingCall(String crm, String hostname, String contactId, String contactType) {
        page.selectOption("#crm", crm);
        page.fill("#hostname", hostname);
        page.fill("#contact-id", contactId);
        page.fill("#contact-type", contactType);
        Page opened = context.waitForPage(() -> page.click("#incoming"));
        // The client opens a blank tab, cuts its opener, then navigates it to the CRM page.
        opened.waitForURL(url -> url.startsWith("https://"));
        opened.waitForLoadState(LoadState.DOMCONTENTLOADED);
        return opened;
    }

    @Test
    void anIncomingCallOpensTheSampleContactInANewTab() throws IOException {
        Page crmPage = incomingCall("sample", "", "42", "");
        assertThat(crmPage.url()).isEqualTo("https://crm.example.com/?contactId=42");
        assertThat(crmPagesOpened).containsExactly("https://crm.example.com/?contactId=42");
        assertThat(crmPage.evaluate("() => window.opener")).as("the CRM page has no handle on the softphone").isNull();
        assertThat(page.textContent("#report")).contains("opened in a tab");
        Files.createDirectories(Path.of("target"));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "demo-page.png")).setFullPage(true));
        assertThat(Path.of("target", "demo-page.png")).isNotEmptyFile();
    }

    @Test
    void anIncomingCallOpensThePipedrivePerson() {
        assertThat(incomingCall("pipedrive", "acme.pipedrive.com", "1234", "").url()).isEqualTo("https://acme.pipedrive.com/person/1234");
    }

    @Test
    void anIncomingCallOpensTheBullhornRecordWindow() {
        assertThat(incomingCall("bullhorn", "cls21.bullhornstaffing.com", "9876", "Contact").url())
                .isEqualTo("https://cls21.bullhornstaffing.com/BullhornStaffing/OpenWindow.cfm?Entity=Contact&id=9876&view=Overview");
    }

    /** Notes, on the softphone page, the window features each window.open asked for and each window.focus() call. */
    private void noteWindowRequests() {
        page.evaluate("() => { window.featuresAsked = []; window.focusRequests = 0;"
                + " const open = window.open.bind(window); window.open = (url, name, features) => { window.featuresAsked.push(features ?? ''); return open(url, name, features); };"
                + " const focus = window.focus.bind(window); window.focus = () => { window.focusRequests++; focus(); }; }");
    }

    @Test
    void aBullhornRecordOpensInAPopupWithItsUrlAndTheSoftphoneThenAsksForTheFocusBack() {
        // Headless Chromium has no window manager to show which window has the focus: what it shows is the
        // popup window asked for, the record's URL loaded in it, and the softphone's window.focus() after it.
        noteWindowRequests();
        Page popup = incomingCall("bullhorn", "cls21.bullhornstaffing.com", "9876", "Contact");
        assertThat(popup.url()).isEqualTo("https://cls21.bullhornstaffing.com/BullhornStaffing/OpenWindow.cfm?Entity=Contact&id=9876&view=Overview");
        page.waitForSelector("#report li.done");
        assertThat(page.evaluate("() => window.featuresAsked")).asString().startsWith("[popup,");
        assertThat(page.evaluate("() => window.focusRequests")).as("focus requests by the softphone after opening the popup").isEqualTo(1);
        assertThat(page.textContent("#report")).contains("opened in a popup");
    }

    @Test
    void aTabOpensWithoutTheSoftphoneAskingForTheFocus() {
        noteWindowRequests();
        incomingCall("sample", "", "42", "");
        page.waitForSelector("#report li.done");
        assertThat(page.evaluate("() => window.featuresAsked")).isEqualTo(List.of(""));
        assertThat(page.evaluate("() => window.focusRequests")).isEqualTo(0);
    }

    /** An incoming call from a number two sample contacts share, with the user's preference to choose among several. */
    private void incomingCallTheAgentChoosesFor() {
        page.selectOption("#crm", "sample");
        page.fill("#phone", "+1 415 555 0123");
        page.selectOption("#pref-multiple", "prompt");
        page.click("#incoming");
        page.waitForSelector("dialog.callpop-choose-contact[open]");
    }

    @Test
    void theAgentPicksOneOfSeveralMatchesAndItsPageOpens() {
        incomingCallTheAgentChoosesFor();
        assertThat(page.locator("dialog.callpop-choose-contact button.callpop-contact").allTextContents())
                .containsExactly("Grace Hopper", "Grace B. Hopper");
        assertThat(context.pages()).as("nothing opens before the agent chooses").hasSize(1);
        Page opened = context.waitForPage(() -> page.click("dialog.callpop-choose-contact button:has-text('Grace B. Hopper')"));
        opened.waitForURL(url -> url.startsWith("https://"));
        assertThat(opened.url()).isEqualTo("https://crm.example.com/?contactId=1003");
        assertThat(crmPagesOpened).containsExactly("https://crm.example.com/?contactId=1003");
        page.waitForSelector("#report li.done");
        assertThat(page.textContent("#report")).contains("opened Grace B. Hopper in a tab: https://crm.example.com?contactId=1003");
        assertThat(page.locator("dialog.callpop-choose-contact").count()).as("the picker is gone").isZero();
    }

    @Test
    void theAgentMayChooseNoneOfTheMatches() {
        incomingCallTheAgentChoosesFor();
        page.click("dialog.callpop-choose-contact button.callpop-none");
        page.waitForSelector("#report li.not-done");
        assertThat(page.textContent("#report")).contains("the agent chose none of the contacts");
        assertThat(context.pages()).hasSize(1);
        assertThat(crmPagesOpened).isEmpty();
    }

    /** A tampered answer: the sample CRM's call-received answers these actions, whatever callpop would say. */
    private void answerSampleCallsWith(String actions) {
        page.route("**/api/v1/crms/sample/call-received", route -> route.fulfill(new Route.FulfillOptions().setStatus(200)
                .setContentType("application/json").setBody("{\"crm\": \"sample\", \"event\": \"call-received\", \"actions\": [" + actions + "]}")));
    }

    @Test
    void aContactWhosePageIsOffTheCrmsHostsIsNotOffered() {
        answerSampleCallsWith("{\"type\": \"choose-contact\", \"contacts\": ["
                + "{\"id\": \"6\", \"name\": \"Phisher\", \"url\": \"https://evil.example.com/phish\", \"target\": \"tab\"},"
                + "{\"id\": \"7\", \"name\": \"Ada\", \"url\": \"https://crm.example.com?contactId=7\", \"target\": \"tab\"}]}");
        page.fill("#phone", "+1 415 555 0123");
        page.click("#incoming");
        page.waitForSelector("dialog.callpop-choose-contact[open]");
        assertThat(page.locator("dialog.callpop-choose-contact button.callpop-contact").allTextContents()).containsExactly("Ada");
        page.click("dialog.callpop-choose-contact button.callpop-none");
        page.waitForSelector("#report li.not-done >> nth=1");
        assertThat(page.textContent("#report")).contains("not offered: evil.example.com is not one of the CRM's hosts");
        assertThat(crmPagesOpened).isEmpty();
    }

    @Test
    void theClientReadsHostPatternsAsCallpopDoes() {
        Object verdicts = page.evaluate("async () => { const { isCrmHost } = await import('/client/callpop-client.js');"
                + " return ['app.clio.com', 'eu.app.clio.com', 'a.b.app.clio.com', 'evilapp.clio.com', 'app.clio.com.evil.com', 'clio.com']"
                + ".map(host => isCrmHost(host, ['**.app.clio.com']))"
                + ".concat(['acme.pipedrive.com', 'a.b.pipedrive.com', 'pipedrive.com', 'evilpipedrive.com'].map(host => isCrmHost(host, ['*.pipedrive.com'])))"
                + ".concat(['crm.example.com', 'x.crm.example.com'].map(host => isCrmHost(host, ['crm.example.com']))); }");
        assertThat(verdicts).isEqualTo(List.of(true, true, true, false, false, false, true, false, false, false, true, false));
    }

    @Test
    void logoutRemovesTheStorageKeys() {
        page.evaluate("() => { localStorage.setItem('callpop.bullhorn.username', 'ada'); localStorage.setItem('callpop.bullhorn.user-urls', '{}');"
                + " localStorage.setItem('unrelated', 'kept'); }");
        page.selectOption("#crm", "bullhorn");
        page.fill("#hostname", "cls21.bullhornstaffing.com");
        page.click("#logout");
        page.waitForSelector("#report li.done");
        assertThat(page.evaluate("() => [localStorage.getItem('callpop.bullhorn.username'), localStorage.getItem('callpop.bullhorn.user-urls'),"
                + " localStorage.getItem('unrelated')]")).isEqualTo(java.util.Arrays.asList(null, null, "kept"));
        assertThat(page.textContent("#report")).contains("removed callpop.bullhorn.username, callpop.bullhorn.user-urls");
    }

    @Test
    void anErrorFromCallpopIsShownAsAReadableMessage() {
        page.selectOption("#crm", "bullhorn");
        page.fill("#hostname", "cls21.bullhornstaffing.com");
        page.fill("#contact-id", "9876");
        page.fill("#contact-type", "Placement");
        page.click("#incoming");
        page.waitForSelector("#error:not(:empty)");
        assertThat(page.textContent("#error"))
                .isEqualTo("Unknown contact type: contact.type 'Placement' is not a contact type of Bullhorn; it has Candidate, Contact, Lead");
    }

    @Test
    void aHostileUrlInATamperedAnswerIsNotOpened() {
        answerSampleCallsWith("{\"type\": \"open-url\", \"url\": \"https://evil.example.com/phish\", \"target\": \"tab\"},"
                + "{\"type\": \"open-url\", \"url\": \"javascript:alert(1)\", \"target\": \"tab\"},"
                + "{\"type\": \"open-url\", \"url\": \"https://crm.example.com.evil.example.com/x\", \"target\": \"tab\"}");
        int pagesBefore = context.pages().size();
        page.fill("#contact-id", "42");
        page.click("#incoming");
        page.waitForSelector("#report li.not-done >> nth=2");
        assertThat(page.textContent("#report")).contains("not opened: evil.example.com is not one of the CRM's hosts")
                .contains("not opened: javascript:alert(1) is not https");
        assertThat(context.pages()).hasSize(pagesBefore);
        assertThat(crmPagesOpened).isEmpty();
    }
}
