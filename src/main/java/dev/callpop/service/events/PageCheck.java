package dev.callpop.service.events;

import java.net.URI;

import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.service.crm.UrlTemplate;
import dev.callpop.spi.CallPop;
import dev.callpop.spi.ClientAction;
import dev.callpop.spi.LogoutResult;
import dev.callpop.spi.OpenUrl;

/**
 * The last line of defence against an open redirect: every page an adapter answers must be https on one
 * of its CRM's hosts. A page that is not is a bug in the adapter, answered as a server error, never a URL.
 */
final class PageCheck {

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
}
