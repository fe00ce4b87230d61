package dev.callpop.spi;

import java.util.List;
import java.util.Optional;

/**
 * One CRM, as callpop sees it: where its contact and call-log pages are, and what a logout cleans up.
 *
 * <h2>Lifecycle</h2>
 * An adapter is an application-scoped CDI bean ({@code @ApplicationScoped} or {@code @Singleton}) in
 * a jar that carries a Jandex index (or {@code META-INF/beans.xml}). callpop finds every
 * {@code CrmAdapter} bean on its build classpath when it starts and keys it by {@link #id()}. Two
 * adapters with the same id stop the start, naming both classes. An operator can switch an adapter off
 * with {@code callpop.crms."<id>".enabled=false}; a switched-off adapter answers nothing.
 * One instance serves every request for the life of the process; keep no per-user state in it.
 *
 * <h2>Threading</h2>
 * Methods are called concurrently from many threads: an adapter must be thread-safe, which a stateless
 * adapter is for free. Two kinds of method run on two kinds of thread:
 * <ul>
 * <li>{@link #findContacts} and {@link #logout} may block (they call the CRM's API): callpop calls them
 * on worker threads, and a call-received that looks the caller up ({@link #callReceived} with a phone
 * number and no contact id, for a CRM that {@link CrmDescription#findsContactsByPhone() finds contacts by
 * phone}) runs on a worker thread as a whole.</li>
 * <li>The page methods ({@link #contactPage}, {@link #logPage}, {@link #searchPage},
 * {@link #newContactPage}) only build a URL from what they are given: they must not block or call the
 * CRM. callpop calls them, and {@link #callReceived} when it needs no look-up and {@link #openLogPage},
 * on the I/O thread that received the request, which keeps the most common call-pop (a known contact)
 * free of thread switches. Blocking there stalls every request on that thread; the Quarkus REST Client
 * refuses a blocking call on an I/O thread with an exception.</li>
 * </ul>
 *
 * <h2>What callpop checks before calling</h2>
 * Every value an adapter receives has been validated: the hostname is lowercase ASCII and one of the
 * CRM's own hosts ({@link CrmDescription#hostPatterns()} or hosts the operator allowed); contact and log
 * ids are 1 to 128 characters of {@code [A-Za-z0-9._-]} starting with a letter or digit, so they can
 * neither leave a path segment nor start a query; a contact type is one of
 * {@link CrmDescription#contactTypes()}. Build URLs with a template and encoding (JAX-RS
 * {@code UriBuilder}) anyway, never by concatenation.
 *
 * <h2>What callpop checks after calling</h2>
 * Every {@link OpenUrl} an adapter returns must be {@code https} and point at the request's hostname or
 * another of the CRM's hosts; any other URL is never sent to the client (callpop answers with a server
 * error, because it is a bug in the adapter).
 *
 * <h2>Calling the CRM</h2>
 * Call the CRM's API with the Quarkus REST Client, on the user's behalf, with
 * {@link CrmContext#credentials()}; never store or log them. callpop runs {@link #callReceived} under a
 * per-CRM time limit and circuit breaker and caches its look-up answers briefly per user, so an adapter
 * needs neither. Keep each call short; return what the CRM said.
 *
 * <h2>Errors</h2>
 * Throw {@link CrmInputException} when the client's input cannot be served (a 422 problem naming the
 * problem); {@link CrmAuthenticationException} when the CRM refuses the user's credentials (a 403 telling
 * the client to sign the user in again); {@link CrmRateLimitedException} on the CRM's 429 (passed on with
 * its {@code Retry-After}); {@link CrmUnavailableException} when the CRM fails or cannot be reached. A
 * REST Client error may also simply propagate: callpop maps the CRM's 401/403, 429 and 5xx the same way.
 * An outage during a call-received look-up is answered with the CRM's search page or a reason, never a
 * 5xx. Any other exception is treated as a bug in the adapter (a 500).
 *
 * <h2>What to implement</h2>
 * {@link #id()}, {@link #description()} and {@link #contactPage(Contact, CrmContext)} are required.
 * {@link #logPage}, {@link #findContacts}, {@link #searchPage}, {@link #newContactPage} and
 * {@link #logout} are optional. The event methods {@link #callReceived} and {@link #openLogPage} have
 * defaults built on those and rarely need overriding.
 */
public interface CrmAdapter {

    /**
     * The adapter's id: a short lowercase slug as {@link CrmId} defines it (for example {@code pipedrive}).
     * It names the CRM in callpop's URLs ({@code /api/v1/crms/{id}/...}) and in settings
     * ({@code callpop.crms."<id>".*}), so it must never change once published.
     *
     * @return the id, the same on every call
     */
    String id();

    /**
     * What this CRM is and can do: display name, its own hosts, whether it opens log pages by default,
     * its contact types. callpop reads it once at start-up.
     *
     * @return the description, the same on every call
     */
    CrmDescription description();

    /**
     * The CRM page that shows one contact.
     *
     * @param contact the contact; {@link Contact#id()} is never {@code null} here, and
     *                {@link Contact#type()} is one of the CRM's contact types whenever it declares any
     * @param context the validated hostname and the settings that apply to this request
     * @return the page to open
     * @throws CrmInputException when this contact cannot be shown (for example a type the CRM cannot open)
     */
    OpenUrl contactPage(Contact contact, CrmContext context);

    /**
     * The CRM page that shows one call log (an activity, a note, an event: whatever the CRM calls it).
     * Called only when {@link CrmContext#canOpenLogPage()} is true.
     *
     * @param event   the log id and, when the client knows it, the contact
     * @param context the validated hostname and the settings that apply to this request
     * @return the page to open, or empty if this CRM has no log page (the default)
     */
    default Optional<OpenUrl> logPage(OpenLogPage event, CrmContext context) {
        return Optional.empty();
    }

    /**
     * Finds the contacts with this phone number in the CRM, best match first. Called only when
     * {@link CrmDescription#findsContactsByPhone()} is true and the client knows no contact id.
     *
     * @param phone   the caller's number, normalised
     * @param context the hostname, the user's CRM credentials and the settings for this request
     * @return the matches, best first; empty when nobody has this number
     * @throws CrmAuthenticationException when the CRM refuses the user's credentials
     */
    default List<ContactMatch> findContacts(PhoneNumber phone, CrmContext context) {
        throw new UnsupportedOperationException(id() + " does not look contacts up by phone number");
    }

    /**
     * The CRM's search page for a phone number, opened when several contacts match and the operator asked
     * for it, and when the CRM cannot be reached during a look-up.
     *
     * @param phone   the caller's number
     * @param context the hostname and settings for this request
     * @return the page, or empty if the CRM has none (the default)
     */
    default Optional<OpenUrl> searchPage(PhoneNumber phone, CrmContext context) {
        return Optional.empty();
    }

    /**
     * The CRM's page for creating a contact, with the number filled in, opened when nobody matches.
     *
     * @param phone   the caller's number
     * @param context the hostname and settings for this request
     * @return the page, or empty if the CRM has none (the default)
     */
    default Optional<OpenUrl> newContactPage(PhoneNumber phone, CrmContext context) {
        return Optional.empty();
    }

    /**
     * Event: a call rang or was answered (callpop has already applied the operator's pop rules). The
     * default opens the contact page when the client knows the contact's id; otherwise it looks the caller
     * up by phone number with {@link #findContacts} and opens what {@link #popMatches} says. A CRM that
     * cannot look callers up treats every number as unknown, so the no-match policy applies.
     *
     * @param event   what the client knows of the caller and the call
     * @param context the validated hostname, credentials and settings that apply to this request
     * @return the pages to open, the contacts matched, and why nothing was opened if nothing was
     */
    default CallPop callReceived(CallReceived event, CrmContext context) {
        Contact contact = event.contact();
        if (contact != null && contact.id() != null) {
            return CallPop.open(contactPage(contact, context));
        }
        if (event.phone() == null) {
            return CallPop.nothing("The client sent no contact id and no phone number callpop could look up.");
        }
        if (!event.needsLookUp(description())) {
            // Without a look-up every caller is unknown: the no-match policy says what opens.
            CallPop unknown = popMatches(List.of(), event.phone(), context);
            return new CallPop(unknown.actions(), List.of(), "The client sent no contact id and " + id()
                    + " does not look callers up by phone number" + (unknown.actions().isEmpty() ? "." : "; opened its page for unknown callers."));
        }
        return popMatches(findContacts(event.phone(), context), event.phone(), context);
    }

    /**
     * Turns a look-up's matches into pages, following {@link CrmContext#matchPolicy()}: one match opens
     * its page; several open all, the first, or the search page, or ({@link MatchPolicy.OnMultipleMatches#PROMPT})
     * open nothing and offer each match with its {@link #contactPage contact page} for the agent to choose
     * ({@link CallPop#choose}); none opens the new-contact page, the operator's fallback page, or nothing.
     * The matches are always listed. An adapter that overrides this keeps those rules (the adapter test kit
     * checks the prompt).
     *
     * @param matches the matches, best first
     * @param phone   the number looked up
     * @param context the request's context
     * @return the answer
     */
    default CallPop popMatches(List<ContactMatch> matches, PhoneNumber phone, CrmContext context) {
        MatchPolicy policy = context.matchPolicy();
        List<OpenUrl> pages;
        String reason = null;
        if (matches.size() == 1 || (!matches.isEmpty() && policy.onMultipleMatches() == MatchPolicy.OnMultipleMatches.FIRST)) {
            pages = List.of(contactPage(matches.get(0).asContact(phone), context));
        } else if (matches.size() > 1 && policy.onMultipleMatches() == MatchPolicy.OnMultipleMatches.OPEN_ALL) {
            pages = matches.stream().map(match -> contactPage(match.asContact(phone), context)).toList();
        } else if (matches.size() > 1 && policy.onMultipleMatches() == MatchPolicy.OnMultipleMatches.PROMPT) {
            return CallPop.choose(matches.stream().map(match -> new ContactChoice(match, contactPage(match.asContact(phone), context))).toList(),
                    matches.size() + " contacts have this number; the agent chooses which to open.");
        } else if (matches.size() > 1) {
            pages = searchPage(phone, context).stream().toList();
            reason = matches.size() + " contacts have this number" + (pages.isEmpty() ? "; " + id() + " has no search page, so the agent chooses from the matches." : ".");
        } else if (policy.onNoMatch() == MatchPolicy.OnNoMatch.NEW_CONTACT_PAGE) {
            pages = newContactPage(phone, context).stream().toList();
            reason = "No contact has this number" + (pages.isEmpty() ? " and " + id() + " has no new-contact page." : ".");
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
     * Event: the user wants to see a call log. The default opens {@link #logPage} where log pages are on
     * and the CRM has one; otherwise the contact page, as RingCentral App Connect does, when the contact
     * is known; otherwise it refuses with {@code log-page-unavailable}.
     *
     * @param event   the log id and, when the client knows it, the contact
     * @param context the validated hostname and the settings that apply to this request
     * @return the page to open
     * @throws CrmInputException when neither a log page nor a contact page can be opened
     */
    default CallPop openLogPage(OpenLogPage event, CrmContext context) {
        if (context.canOpenLogPage()) {
            Optional<OpenUrl> logPage = logPage(event, context);
            if (logPage.isPresent()) {
                return CallPop.open(logPage.get());
            }
        }
        Contact contact = event.contact();
        if (contact != null && contact.id() != null) {
            return new CallPop(List.of(contactPage(contact, context)), List.of(),
                    "This CRM does not open log pages here, so the contact's page is opened instead.");
        }
        throw new CrmInputException("log-page-unavailable", "contact.id",
                "The " + id() + " CRM does not open log pages here; send contact.id to open the contact's page instead.");
    }

    /**
     * Event: the user logged out of the telephony client. Return what the client must clean up (cached
     * CRM data, cookies) and run any server-side clean-up (for example revoking the user's OAuth tokens
     * at the CRM), reporting each step. A failed server-side step must not hide the client actions.
     * The default cleans up nothing.
     *
     * @param event   the CRM tokens the client holds for this user, when it sent them
     * @param context the validated hostname and the settings that apply to this request
     * @return the client actions and the outcome of each server-side step
     */
    default LogoutResult logout(Logout event, CrmContext context) {
        return LogoutResult.nothingToClean();
    }
}
