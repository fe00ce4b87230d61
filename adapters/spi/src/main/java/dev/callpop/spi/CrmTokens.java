package dev.callpop.spi;

/**
 * A user's CRM credentials as the client holds them. Never log them: {@link #toString()} hides them.
 *
 * @param accessToken  the OAuth access token (or the CRM's session token), or {@code null}
 * @param refreshToken the OAuth refresh token, or {@code null}
 */
public record CrmTokens(String accessToken, String refreshToken) {

    /** No tokens at all. */
    public static final CrmTokens NONE = new CrmTokens(null, null);

    /** Says which tokens are present, never what they are. */
    @Override
    public String toString() {
        return "CrmTokens[accessToken=" + (accessToken == null ? "absent" : "***")
                + ", refreshToken=" + (refreshToken == null ? "absent" : "***") + "]";
    }
}
