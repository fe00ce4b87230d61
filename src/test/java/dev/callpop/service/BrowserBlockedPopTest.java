package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.ConsoleMessage;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;

import dev.callpop.service.testing.Chromium;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A pop that arrives without the agent's click, as a call from the phone line does, in headless Chromium with its
 * popup blocker on: the browser refuses window.open, and the reference client offers the page instead, one click away
 * (a notice on the page, a desktop notification where the page may show them, or the softphone's own onBlockedPage).
 * Nothing here is clicked before the pop: the client is driven from a script, and the page has never had a user
 * gesture. CRM pages are answered inside the browser.
 */
@QuarkusTest
class BrowserBlockedPopTest {

    @RegisterExtension
    static final Chromium.PerClass chromium = new Chromium.PerClass();

    /** Any page of callpop's origin to import the client from; the demo page is only its host here. */
    @TestHTTPResource("/demo/")
    URL softphone;

    private BrowserContext context;
    private Page page;
    private final List<String> crmPagesOpened = new CopyOnWriteArrayList<>();

    @BeforeEach
    void openSoftphone() {
        context = chromium.contextAnsweringCrmPages(crmPagesOpened);
    }

    private void open() {
        page = context.newPage();
        page.navigate(softphone.toString());
    }

    @AfterEach
    void close() {
        context.close();
    }

    private static final String REPORT = "callpop-report ";

    /**
     * A softphone page on callpop's origin (answered in the browser) that, as it loads, takes a call for Ada Lovelace's
     * Pipedrive record with these client options: no click, and no script from the test either (Playwright's evaluate
     * counts as a user gesture). Answers what the client reported, which the page logs.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> callWithoutAClick(String clientOptions) {
        String address = softphone.toString().replace("/demo/", "/softphone-under-test.html");
        String html = """
                <!doctype html><meta charset="utf-8"><title>A softphone</title><body><script type="module">
                  import { createCallpopClient } from "/client/callpop-client.js";
                  window.callpop = createCallpopClient({ getToken: async () => "%s", %s });
                  const { done, notDone } = await window.callpop.callReceived("pipedrive", { hostname: "acme.pipedrive.com",
                    contact: { id: "42", name: "Ada Lovelace" }, call: { from: "+14155550100" } });
                  console.log("%s" + JSON.stringify({ activated: navigator.userActivation.hasBeenActive, done: done.length,
                    notDone: notDone.map((n) => n.reason), offered: notDone.map((n) => n.offered === true) }));
                </script>""".formatted(Tokens.client(), clientOptions, REPORT);
        page = context.newPage();
        page.route(address, route -> route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("text/html").setBody(html)));
        ConsoleMessage report = page.waitForConsoleMessage(new Page.WaitForConsoleMessageOptions().setPredicate(m -> m.text().startsWith(REPORT)),
                () -> page.navigate(address));
        try {
            return new ObjectMapper().readValue(report.text().substring(REPORT.length()), Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(report.text(), e);
        }
    }

    @Test
    void aPopWithoutAClickBecomesANoticeAndOneClickOpensThePage() {
        Map<String, Object> report = callWithoutAClick("");
        assertThat(report.get("activated")).as("the page never had a user gesture").isEqualTo(false);
        assertThat(report.get("done")).isEqualTo(0);
        assertThat(report.get("notDone")).isEqualTo(List.of("the browser blocked the page: the agent was offered \"Open Ada Lovelace\""));
        assertThat(report.get("offered")).isEqualTo(List.of(true));
        assertThat(context.pages()).as("the popup blocker stopped the tab").hasSize(1);
        assertThat(crmPagesOpened).isEmpty();

        assertThat(page.textContent(".callpop-notice .callpop-notice-open")).isEqualTo("Open Ada Lovelace in Pipedrive");
        Page opened = context.waitForPage(() -> page.click(".callpop-notice-open"));
        opened.waitForURL(url -> url.startsWith("https://"));
        assertThat(opened.url()).isEqualTo("https://acme.pipedrive.com/person/42");
        assertThat(crmPagesOpened).containsExactly("https://acme.pipedrive.com/person/42");
        assertThat(opened.evaluate("() => window.opener")).as("the CRM page has no handle on the softphone").isNull();
        assertThat(page.locator(".callpop-notice").count()).as("the notice is gone once its page opened").isZero();
    }

    @Test
    void theAgentMayDismissTheNoticeAndNothingOpens() {
        callWithoutAClick("");
        page.click(".callpop-notice-dismiss");
        assertThat(page.locator(".callpop-notices").count()).isZero();
        assertThat(context.pages()).hasSize(1);
        assertThat(crmPagesOpened).isEmpty();
    }

    @Test
    void whereThePageMayShowNotificationsADesktopNotificationOffersTheSamePage() {
        context.grantPermissions(List.of("notifications"));
        // Notes each desktop notification the page shows (headless Chromium shows none to click).
        context.addInitScript("""
                window.notificationsShown = [];
                const Shown = window.Notification;
                window.Notification = class extends Shown {
                  constructor(title, options) {
                    super(title, options);
                    window.notificationsShown.push({ title, body: options?.body, tag: options?.tag, clickable: true });
                  }
                };""");
        callWithoutAClick("");
        assertThat(page.evaluate("() => Notification.permission")).isEqualTo("granted");
        page.waitForSelector(".callpop-notice-open");
        assertThat(page.evaluate("() => window.notificationsShown")).isEqualTo(List.of(Map.of("title", "Open Ada Lovelace in Pipedrive",
                "body", "Pipedrive: the browser blocked this page; click to open it.", "tag", "https://acme.pipedrive.com/person/42", "clickable", true)));
    }

    @Test
    void withoutThePermissionNoDesktopNotificationIsShownOrAskedFor() {
        context.addInitScript("""
                window.notificationsShown = 0; window.permissionAsked = 0;
                const Shown = window.Notification;
                window.Notification = class extends Shown {
                  constructor(title, options) { super(title, options); window.notificationsShown++; }
                  static requestPermission() { window.permissionAsked++; return Shown.requestPermission(); }
                };""");
        callWithoutAClick("");
        page.waitForSelector(".callpop-notice-open");
        assertThat(page.evaluate("() => [window.notificationsShown, window.permissionAsked]")).isEqualTo(List.of(0, 0));
    }

    @Test
    void aSoftphoneRendersTheBlockedPageItsOwnWayThroughOnBlockedPage() {
        Map<String, Object> report = callWithoutAClick("""
                onBlockedPage: (blocked) => {
                  const mine = Object.assign(document.createElement("button"), { id: "my-pop", textContent: blocked.label });
                  mine.onclick = () => blocked.open();
                  document.body.append(mine);
                }""");
        assertThat(report.get("offered")).isEqualTo(List.of(true));
        assertThat(page.textContent("#my-pop")).isEqualTo("Open Ada Lovelace in Pipedrive");
        assertThat(page.locator(".callpop-notice").count()).as("no default notice beside the softphone's own").isZero();
        Page opened = context.waitForPage(() -> page.click("#my-pop"));
        opened.waitForURL(url -> url.startsWith("https://"));
        assertThat(opened.url()).isEqualTo("https://acme.pipedrive.com/person/42");
    }

    @Test
    void offerShowsAPageWithoutTryingToOpenItAndRefusesOneOffTheCrmsHosts() {
        open();
        Object outcome = page.evaluate("""
                async ([token]) => {
                  const { createCallpopClient } = await import("/client/callpop-client.js");
                  const callpop = createCallpopClient({ getToken: async () => token });
                  const offered = await callpop.offer("sample", { url: "https://crm.example.com?contactId=1001", subject: "Ada Lovelace" });
                  let refused;
                  try {
                    await callpop.offer("sample", { url: "https://evil.example.com/phish", subject: "Ada Lovelace" });
                  } catch (e) {
                    refused = e.message;
                  }
                  return [offered, refused];
                }""", List.of(Tokens.client()));
        assertThat(outcome).isEqualTo(List.of(true, "Not offered: evil.example.com is not one of the CRM's hosts (crm.example.com)"));
        assertThat(page.locator(".callpop-notice-open").allTextContents()).containsExactly("Open Ada Lovelace in Sample CRM");
        assertThat(context.pages()).hasSize(1);
    }
}
