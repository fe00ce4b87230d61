package dev.callpop.spi;

import java.util.Objects;

/**
 * One of several contacts that matched a caller, offered to the agent to choose from, with the page
 * choosing it opens ({@link MatchPolicy.OnMultipleMatches#PROMPT}). The client opens the page itself when
 * the agent picks the contact, without asking callpop again, so the page is checked like every page an
 * adapter answers: {@code https} on one of the CRM's hosts.
 *
 * @param contact the matched contact
 * @param page    the page choosing it opens: the adapter's {@link CrmAdapter#contactPage contact page} for it
 */
public record ContactChoice(ContactMatch contact, OpenUrl page) {

    /** Checks both parts are present. */
    public ContactChoice {
        Objects.requireNonNull(contact, "contact");
        Objects.requireNonNull(page, "page");
    }
}
