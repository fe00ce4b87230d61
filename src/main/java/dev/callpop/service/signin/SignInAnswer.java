package dev.callpop.service.signin;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The user's CRM credentials after a sign-in or a refresh. With sealed credentials
 * ({@code callpop.sealed-credentials.keys}) the raw tokens are never answered: {@code refreshToken} and the
 * {@code X-CRM-Token} header are the same sealed value. Never logged.
 *
 * @param crm          the CRM id
 * @param sealed       whether the credentials are sealed
 * @param accessToken  the CRM's OAuth access token; absent when sealed
 * @param refreshToken what to send to {@code /refresh}: the CRM's refresh token, or the sealed credential
 * @param expiresAt    when the CRM's access token expires (ISO 8601), if the CRM said
 * @param hostname     the user's CRM host, to send as {@code hostname} with each event, if the CRM has one per user
 * @param headers      the headers to send with each event ({@code X-CRM-Token}, {@code X-CRM-Api-Url}, {@code X-CRM-User})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignInAnswer(String crm, boolean sealed, String accessToken, String refreshToken, String expiresAt, String hostname,
                           Map<String, String> headers) {

    @Override
    public String toString() {
        return "SignInAnswer[crm=" + crm + ", sealed=" + sealed + ", ***]";
    }
}
