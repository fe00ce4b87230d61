package dev.callpop.spi;

import java.net.URI;

/**
 * What the client sent to sign a user in, checked by callpop.
 *
 * @param redirectUri  where the CRM sends the browser back: one the operator allowed; {@code null} for a refresh
 * @param username     the user's CRM login name, where the CRM needs it to find the user's data centre
 *                     (Bullhorn), or {@code null}
 * @param hostname     the user's CRM host, when the client knows it and the CRM needs it, or {@code null}
 * @param codeVerifier the PKCE {@code code_verifier} (RFC 7636) that {@link CrmSignIn#complete} sends with the code,
 *                     for an adapter that {@link CrmSignIn#usesPkce() uses PKCE}; {@code null} at the start, for a
 *                     refresh, and for every other adapter
 */
public record SignInRequest(URI redirectUri, String username, String hostname, String codeVerifier) {

    /**
     * A request without a code verifier.
     *
     * @param redirectUri where the CRM sends the browser back, or {@code null} for a refresh
     * @param username    the user's CRM login name, or {@code null}
     * @param hostname    the user's CRM host, or {@code null}
     */
    public SignInRequest(URI redirectUri, String username, String hostname) {
        this(redirectUri, username, hostname, null);
    }

    /** Never shows the code verifier. */
    @Override
    public String toString() {
        return "SignInRequest[redirectUri=" + redirectUri + ", username=" + username + ", hostname=" + hostname + "]";
    }
}
