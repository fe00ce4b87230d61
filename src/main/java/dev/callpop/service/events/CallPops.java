package dev.callpop.service.events;

import java.util.List;
import java.util.Optional;

import dev.callpop.service.crm.RegisteredCrm;
import dev.callpop.spi.CallPop;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactChoice;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAdapter;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmInputException;
import dev.callpop.spi.MatchPolicy;
import dev.callpop.spi.OpenLogPage;
import dev.callpop.spi.OpenUrl;
import dev.callpop.spi.PhoneNumber;

/**
 * What opens, the same for every CRM: the one place that turns what an adapter found into pages. An adapter finds
 * contacts and builds pages; the match policy (one, several or no match), what a known contact opens and whether a
 * log or the contact's page opens are decided here. Every method only builds pages (the adapter's page methods), so
 * it runs on whatever thread has the answer; callers go through the CRM's guard.
 */
final class CallPops {

    private CallPops() {
    }

    /**
     * @param crm     the CRM
     * @param contact the caller's record, with its id
     * @param context the request's context
     * @return the CRM's page for a call from this contact
     */
    static CallPop knownContact(RegisteredCrm crm, Contact contact, CrmContext context) {
        return CallPop.open(crm.adapter().callPopPage(contact, context));
    }

    /**
     * A look-up's matches as pages, following the policy: one match opens its contact page; several open all, the
     * first, or the search page, or ({@link MatchPolicy.OnMultipleMatches#PROMPT}) open nothing and offer each match
     * with its contact page for the agent to choose; none opens the new-contact page, the operator's fallback page,
     * or nothing. The matches are always listed.
     *
     * @param crm     the CRM
     * @param matches the matches, best first
     * @param phone   the number looked up
     * @param context the request's context
     * @param policy  the user's or the operator's policy for this request
     * @return the answer
     */
    static CallPop matches(RegisteredCrm crm, List<ContactMatch> matches, PhoneNumber phone, CrmContext context, MatchPolicy policy) {
        CrmAdapter adapter = crm.adapter();
        List<OpenUrl> pages;
        String reason = null;
        if (matches.size() == 1 || (!matches.isEmpty() && policy.onMultipleMatches() == MatchPolicy.OnMultipleMatches.FIRST)) {
            pages = List.of(adapter.contactPage(matches.get(0).asContact(phone), context));
        } else if (matches.size() > 1 && policy.onMultipleMatches() == MatchPolicy.OnMultipleMatches.OPEN_ALL) {
            pages = matches.stream().map(match -> adapter.contactPage(match.asContact(phone), context)).toList();
        } else if (matches.size() > 1 && policy.onMultipleMatches() == MatchPolicy.OnMultipleMatches.PROMPT) {
            return CallPop.choose(matches.stream().map(match -> new ContactChoice(match, adapter.contactPage(match.asContact(phone), context))).toList(),
                    matches.size() + " contacts have this number; the agent chooses which to open.");
        } else if (matches.size() > 1) {
            pages = adapter.searchPage(phone, context).stream().toList();
            reason = matches.size() + " contacts have this number" + (pages.isEmpty() ? "; " + crm.id() + " has no search page, so the agent chooses from the matches." : ".");
        } else if (policy.onNoMatch() == MatchPolicy.OnNoMatch.NEW_CONTACT_PAGE) {
            pages = adapter.newContactPage(phone, context).stream().toList();
            reason = "No contact has this number" + (pages.isEmpty() ? " and " + crm.id() + " has no new-contact page." : ".");
        } else if (policy.onNoMatch() == MatchPolicy.OnNoMatch.FALLBACK_URL) {
            pages = policy.noMatchUrl().map(OpenUrl::inTab).stream().toList();
            reason = "No contact has this number.";
        } else {
            pages = List.of();
            reason = "No contact has this number.";
        }
        return new CallPop(pages, matches, reason);
    }

    /**
     * A number for a CRM that does not look callers up: every caller is unknown, so the no-match policy says what opens.
     *
     * @param crm     the CRM
     * @param phone   the caller's number
     * @param context the request's context
     * @param policy  the policy for this request
     * @return the answer
     */
    static CallPop withoutLookUp(RegisteredCrm crm, PhoneNumber phone, CrmContext context, MatchPolicy policy) {
        CallPop unknown = matches(crm, List.of(), phone, context, policy);
        return new CallPop(unknown.actions(), List.of(), "The client sent no contact id and " + crm.id()
                + " does not look callers up by phone number" + (unknown.actions().isEmpty() ? "." : "; opened its page for unknown callers."));
    }

    /**
     * The log's page where log pages are on and the CRM has one; otherwise the contact's page, as RingCentral App
     * Connect does, when the contact is known.
     *
     * @param crm     the CRM
     * @param event   the log id and, when the client knows it, the contact
     * @param context the request's context
     * @return the page to open
     * @throws CrmInputException {@code log-page-unavailable} when neither can be opened
     */
    static CallPop logPage(RegisteredCrm crm, OpenLogPage event, CrmContext context) {
        if (context.canOpenLogPage()) {
            Optional<OpenUrl> logPage = crm.adapter().logPage(event, context);
            if (logPage.isPresent()) {
                return CallPop.open(logPage.get());
            }
        }
        Contact contact = event.contact();
        if (contact != null && contact.id() != null) {
            return new CallPop(List.of(crm.adapter().contactPage(contact, context)), List.of(),
                    "This CRM does not open log pages here, so the contact's page is opened instead.");
        }
        throw new CrmInputException("log-page-unavailable", "contact.id",
                "The " + crm.id() + " CRM does not open log pages here; send contact.id to open the contact's page instead.");
    }
}
