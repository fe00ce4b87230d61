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
 * Methods are called on worker threads, never on an I/O event loop, so they may block (for example on
 * a CRM API call). They are called concurrently from many threads: an adapter must be thread-safe,
 * which a stateless adapter is for free.
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
 * <h2>Errors</h2>
 * Throw {@link CrmInputException} when the client's input cannot be served (it becomes a 4xx problem
 * response naming the problem) and {@link CrmUnavailableException} when the CRM itself fails or cannot
 * be reached (a 503). Any other exception is treated as a bug in the adapter (a 500).
 *
 * <h2>What to implement</h2>
 * {@link #id()}, {@link #description()} and {@link #contactPage(Contact, CrmContext)} are required.
 * {@link #logPage(OpenLogPage, CrmContext)} and {@link #logout(Logout, CrmContext)} are optional. The
 * event methods {@link #callReceived(CallReceived, CrmContext)} and
 * {@link #openLogPage(OpenLogPage, CrmContext)} have defaults built on those and rarely need overriding.
 */
public interface CrmAdapter {

    /**
     * The adapter's id: a short lowercase slug ({@code [a-z][a-z0-9-]*}, for example {@code pipedrive}).
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
     * Event: a call rang or was answered. The default opens the contact page when the client knows the
     * contact's id, and otherwise opens nothing, saying why.
     *
     * @param event   what the client knows of the caller and the call
     * @param context the validated hostname and the settings that apply to this request
     * @return the pages to open, the contacts matched, and why nothing was opened if nothing was
     */
    default CallPop callReceived(CallReceived event, CrmContext context) {
        Contact contact = event.contact();
        if (contact != null && contact.id() != null) {
            return CallPop.open(contactPage(contact, context));
        }
        return CallPop.nothing("The client sent no contact id and the " + id()
                + " adapter does not look callers up by phone number.");
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
