package dev.callpop.spi;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A signed-in user's CRM credentials: the OAuth tokens, and what the events need from the client.
 * Never log them: {@link #toString()} hides them.
 *
 * @param accessToken  the OAuth access token
 * @param refreshToken the OAuth refresh token, or {@code null} if the CRM gave none
 * @param expiresAt    when the access token expires, or {@code null} if the CRM did not say
 * @param forEvents    what the client sends with each event ({@code X-CRM-Token}, {@code X-CRM-Api-Url},
 *                     {@code X-CRM-User}): Pipedrive the access token; Bullhorn the BhRestToken and the
 *                     session's {@code restUrl} from its REST login
 * @param hostname     the user's CRM host, which the client sends as {@code hostname} with each event
 *                     (Pipedrive: the company host from the token answer's {@code api_domain}; Bullhorn:
 *                     the ATS host), or {@code null} if the CRM has one host for everybody
 * @param remembered   short values the adapter needs again in {@link CrmSignIn#refresh} (Bullhorn: the
 *                     user's OAuth URL). Kept only inside sealed credentials; never a secret.
 */
public record CrmSignedIn(String accessToken, String refreshToken, Instant expiresAt, CrmCredentials forEvents,
                          String hostname, Map<String, String> remembered) {

    /** Checks the access token and the event credentials are there and copies the map. */
    public CrmSignedIn {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(forEvents, "forEvents");
        remembered = Map.copyOf(remembered);
    }

    /** Says which parts are present, never what they are. */
    @Override
    public String toString() {
        return "CrmSignedIn[refreshToken=" + (refreshToken == null ? "absent" : "***") + ", expiresAt=" + expiresAt
                + ", forEvents=" + forEvents + ", hostname=" + hostname + "]";
    }
}
