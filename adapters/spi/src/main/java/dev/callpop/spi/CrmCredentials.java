package dev.callpop.spi;

/**
 * The user's own CRM credentials, which the client sends with an event (headers {@code X-CRM-Token},
 * {@code X-CRM-Api-Url}, {@code X-CRM-User}) so the adapter can call the CRM on the user's behalf.
 * callpop neither stores nor logs them; {@link #toString()} hides them. Any field may be {@code null}.
 *
 * @param token  the user's CRM access token (Pipedrive: the OAuth access token; Bullhorn: the BhRestToken)
 * @param apiUrl the user's own CRM API base URL, where the CRM has one per user (Bullhorn: the session
 *               {@code restUrl}). Untrusted: an adapter must check it is one of the CRM's before calling it.
 * @param user   the user's CRM login name
 */
public record CrmCredentials(String token, String apiUrl, String user) {

    /** No credentials. */
    public static final CrmCredentials NONE = new CrmCredentials(null, null, null);

    /** Says which parts are present, never what they are. */
    @Override
    public String toString() {
        return "CrmCredentials[token=" + (token == null ? "absent" : "***") + ", apiUrl=" + (apiUrl == null ? "absent" : "***")
                + ", user=" + (user == null ? "absent" : "***") + "]";
    }
}
