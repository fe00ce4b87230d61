package dev.callpop.service.events;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.service.crm.UrlTemplate;
import dev.callpop.spi.CallPop;
import dev.callpop.spi.ClientAction;
import dev.callpop.spi.CrmUnavailableException;
import dev.callpop.spi.LogoutResult;
import dev.callpop.spi.OpenUrl;

/**
 * The last line of defence against an open redirect: every page an adapter answers must be https on one
 * of its CRM's hosts. A page that is not is a bug in the adapter, answered as a server error, never a URL.
 * A sign-in's authorization page, which may come from the CRM's own answer, is held to the same rule
 * ({@link #authorizationPage}).
 */
public final class PageCheck {

    private PageCheck() {
    }

    static CallPop checked(RegisteredCrm crm, CallPop pop) {
        pop.actions().forEach(page -> check(crm, page));
        // The client opens a chosen contact's page without asking again: each is checked now.
        pop.choices().forEach(choice -> check(crm, choice.page()));
        return pop;
    }

    static LogoutResult checked(RegisteredCrm crm, LogoutResult result) {
        for (ClientAction action : result.clientActions()) {
            if (action instanceof OpenUrl page) {
                check(crm, page);
            }
        }
        return result;
    }

    private static void check(RegisteredCrm crm, OpenUrl page) {
        URI url = page.url();
        if (!"https".equals(url.getScheme()) || !UrlTemplate.isOnHosts(url, crm.hosts())) {
            throw new IllegalStateException("CRM adapter " + crm.definedBy()
                    + " returned a URL that is not https on one of its hosts " + crm.hosts() + ": " + url);
        }
    }

    /**
     * The CRM's authorization page at a sign-in's start: https on one of the CRM's hosts, as every page callpop
     * answers; or a page of callpop itself (a path, such as the sample CRM's stand-in page); or on an origin the
     * operator named. Anything else ({@code javascript:}, plain http, another host) is never answered.
     *
     * @param crm     the CRM
     * @param page    the page its adapter answered
     * @param origins the extra origins the operator allowed ({@code callpop.sign-in.authorization-origins})
     * @return the page, checked
     * @throws CrmUnavailableException (503) naming the CRM when the page is refused: it may come from the CRM's answer
     */
    public static URI authorizationPage(RegisteredCrm crm, URI page, List<URI> origins) {
        boolean callpopPath = page.getScheme() == null && page.getRawAuthority() == null && page.getRawPath() != null
                && page.getRawPath().startsWith("/") && !page.getRawPath().startsWith("//");
        boolean crmHost = "https".equals(page.getScheme()) && UrlTemplate.isOnHosts(page, crm.hosts());
        boolean allowedOrigin = page.getRawUserInfo() == null && origins.stream().anyMatch(origin -> sameOrigin(origin, page));
        if (!callpopPath && !crmHost && !allowedOrigin) {
            throw new CrmUnavailableException(crm.displayName() + " answered an authorization page that is not https on one of its hosts "
                    + crm.hosts() + ", so callpop did not answer it", null);
        }
        return page;
    }

    private static boolean sameOrigin(URI origin, URI page) {
        return page.getScheme() != null && page.getHost() != null
                && origin.getScheme().equalsIgnoreCase(page.getScheme())
                && origin.getHost().toLowerCase(Locale.ROOT).equals(page.getHost().toLowerCase(Locale.ROOT))
                && origin.getPort() == page.getPort();
    }
}
