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
 * <li>{@link #findContacts} and {@link #revokeCredentials} may block (they call the CRM's API): callpop
 * calls them on the CRM's own worker threads.</li>
 * <li>The page methods ({@link #contactPage}, {@link #callPopPage}, {@link #logPage}, {@link #searchPage},
 * {@link #newContactPage}) and {@link #clientCleanup} only build a value from what they are given: they
 * must not block or call the CRM. callpop calls them on the I/O thread that received the request, which
 * keeps the most common call-pop (a known contact) free of thread switches. Blocking there stalls every
 * request on that thread; the Quarkus REST Client refuses a blocking call on an I/O thread with an
 * exception.</li>
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
 * {@link CrmContext#credentials()}; never store or log them. callpop runs {@link #findContacts} under a
 * per-CRM time limit and circuit breaker and caches its look-up answers briefly per user, so an adapter
 * needs neither. Keep each call short; return what the CRM said.
 *
 * <h2>What callpop decides</h2>
 * An adapter finds contacts and builds pages; callpop decides what opens. Its match policy (one match opens
 * its {@link #contactPage}; several open all, the first, the {@link #searchPage}, or are offered to the agent
 * to choose; none opens the {@link #newContactPage}, the operator's fallback page or nothing), its pop rules
 * and whether a log page or the contact's page opens are the service's, the same for every CRM.
 *
 * <h2>Optional capabilities</h2>
 * A capability is an interface the same bean also implements: {@link CrmSignIn} (signing users in through
 * callpop) and {@link CrmCallLogs} (writing call logs into the CRM). callpop discovers each with
 * {@code instanceof}; nothing else registers it.
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
 * {@link #callPopPage}, {@link #logPage}, {@link #findContacts}, {@link #searchPage}, {@link #newContactPage},
 * {@link #clientCleanup} and {@link #revokeCredentials} are optional.
 */
public interface CrmAdapter {

    /**
     * The version of the SPI this interface and its value types make up, {@code major.minor}. A minor version
     * only adds (a default method, an optional capability, a value type, a record's convenience constructor); a
     * major version may change or remove. {@code adapters/spi/README.md} has the rule and what changed.
     */
    String SPI_VERSION = "1.0";

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
     * The page a call opens when the client sent the caller's record id: the contact's page (the default), or a
     * page of the CRM's own for calls where it has one (App Connect's {@code callPopUrl}). Only that call pop
     * opens it; a look-up's matches, the agent's choices and a log without its page open {@link #contactPage}.
     *
     * @param contact the caller's record; {@link Contact#id()} is never {@code null} here
     * @param context the validated hostname and the settings that apply to this request
     * @return the page to open
     */
    default OpenUrl callPopPage(Contact contact, CrmContext context) {
        return contactPage(contact, context);
    }

    /**
     * What the client must clean up when the user logs out of the telephony client: cached CRM data, storage
     * keys, cookies. Pure: it must not block or call the CRM, and it answers the same whatever the CRM's
     * state, so callpop sends it even when the CRM is down. The default cleans up nothing.
     *
     * @param context the validated hostname and the settings that apply to this request
     * @return the client's clean-up actions
     */
    default List<ClientAction> clientCleanup(CrmContext context) {
        return List.of();
    }

    /**
     * The server-side clean-up at logout: revoking the user's tokens at the CRM, ending a session. It may block
     * (callpop calls it once per logout, on the CRM's own threads, under its time limit and circuit breaker,
     * like {@link #findContacts}); report each step, never the tokens. When the CRM fails, callpop reports the
     * clean-up as failed and still answers {@link #clientCleanup}. The default has nothing to clean up.
     *
     * @param tokens  the CRM tokens the client holds for this user, or {@link CrmTokens#NONE}
     * @param context the validated hostname, the user's credentials and the settings for this request
     * @return the outcome of each step, in the order run
     */
    default List<CleanupStep> revokeCredentials(CrmTokens tokens, CrmContext context) {
        return List.of();
    }
}
