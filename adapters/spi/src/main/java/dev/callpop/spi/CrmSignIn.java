package dev.callpop.spi;

import java.util.Map;

/**
 * The optional part of the SPI: signing a user in to the CRM with OAuth 2.0's authorization code grant,
 * through callpop, so that the telephony client never holds the app's client secret.
 *
 * <h2>Who implements it</h2>
 * A {@link CrmAdapter} that also implements {@code CrmSignIn} (the same bean: {@code class MyAdapter
 * implements CrmAdapter, CrmSignIn}) signs users in; callpop answers a 4xx {@code sign-in-unsupported}
 * for every other CRM. Nothing else registers it.
 *
 * <h2>The flow</h2>
 * <ol>
 * <li>{@link #start}: the adapter answers the CRM's authorization page for the client's redirect URI,
 * <em>without</em> a {@code state} parameter, and anything it must remember until the code comes back
 * (Bullhorn: the user's data centre). callpop adds its own signed {@code state}, which carries what the
 * adapter remembers, the callpop user, the CRM and the redirect URI, and expires after a few minutes.</li>
 * <li>The user signs in at the CRM, which redirects the browser to the redirect URI with {@code code} and
 * {@code state}; the client sends both to callpop.</li>
 * <li>{@link #complete}: once callpop has checked the {@code state} (its signature, its expiry, the same
 * callpop user and CRM), the adapter exchanges the code for the user's tokens with the app's client id
 * and secret and answers the credentials the events need.</li>
 * <li>{@link #refresh}: the adapter trades a refresh token for fresh credentials.</li>
 * </ol>
 *
 * <h2>PKCE</h2>
 * An adapter whose CRM supports PKCE (RFC 7636) answers {@code true} from {@link #usesPkce}: callpop then adds
 * {@code code_challenge} and {@code code_challenge_method=S256} to the authorization page (beside its {@code state}),
 * and hands the matching {@link SignInRequest#codeVerifier()} to {@link #complete}, which sends it with the code.
 * The verifier is derived from a secret only callpop holds and the state, so a leaked code is useless with
 * anybody else's state, and callpop still keeps nothing between the steps.
 * callpop keeps nothing between the steps: any replica serves any step.
 *
 * <h2>Threading and time</h2>
 * Every method may block (it may call the CRM): callpop calls each on one of the CRM's own threads, under
 * the CRM's time limit ({@code callpop.crms."<id>".lookup-timeout}), bulkhead and circuit breaker, exactly
 * like {@link CrmAdapter#findContacts}. The same rules as there apply: thread-safe, no per-user state.
 *
 * <h2>Errors</h2>
 * Throw {@link CrmAuthenticationException} when the CRM refuses the code or the refresh token (the client
 * must start the sign-in again), {@link CrmInputException} when the client's input cannot be served (for
 * example a username the CRM does not know), {@link CrmUnavailableException} when the CRM fails. A REST
 * Client error may also propagate, mapped as for the events. Never put a token or a client secret in a
 * message or a log line.
 */
public interface CrmSignIn {

    /**
     * Step 1: the CRM's authorization page. Build it with a URL template and encoding; callpop appends
     * {@code state}.
     *
     * @param request the client's redirect URI (already checked against the operator's allow-list) and
     *                what the client knows of the user
     * @return the authorization page and what to remember until {@link #complete}
     * @throws CrmInputException when the CRM needs something the client did not send (Bullhorn: the username)
     */
    SignInStart start(SignInRequest request);

    /**
     * Whether the CRM's OAuth server supports PKCE with {@code S256}. Answer {@code true} only where the CRM
     * documents it: a server that ignores the challenge protects nothing, and one that refuses unknown
     * parameters breaks the sign-in.
     *
     * @return {@code true} to have callpop add a code challenge and pass the verifier to {@link #complete}
     */
    default boolean usesPkce() {
        return false;
    }

    /**
     * Step 3: exchanges the authorization code for the user's credentials.
     *
     * @param code       the code the CRM gave the browser
     * @param request    the redirect URI the sign-in started with (OAuth requires the same one), the
     *                   username and hostname the client sent then, and the PKCE code verifier when
     *                   {@link #usesPkce} (send it as {@code code_verifier})
     * @param remembered what {@link #start} asked to remember, unchanged
     * @return the user's credentials
     * @throws CrmAuthenticationException when the CRM refuses the code
     */
    CrmSignedIn complete(String code, SignInRequest request, Map<String, String> remembered);

    /**
     * Trades a refresh token for fresh credentials.
     *
     * @param refreshToken the refresh token from {@link CrmSignedIn#refreshToken()}
     * @param request      no redirect URI; the username and hostname the client sent, if any
     * @param remembered   what the adapter asked to remember with the credentials being refreshed
     *                     ({@link CrmSignedIn#remembered()}), when callpop has it (sealed credentials);
     *                     otherwise empty, and the adapter finds what it needs from the request
     * @return the user's fresh credentials
     * @throws CrmAuthenticationException when the CRM refuses the refresh token
     * @throws CrmInputException          when the adapter cannot find the user's CRM from what it was given
     */
    CrmSignedIn refresh(String refreshToken, SignInRequest request, Map<String, String> remembered);
}
