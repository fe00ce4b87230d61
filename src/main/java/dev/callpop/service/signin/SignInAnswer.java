package dev.callpop.service.signin;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The user's CRM credentials after a sign-in or a refresh. With sealed credentials
 * ({@code callpop.sealed-credentials.keys}) the raw tokens are never answered: {@code refreshToken} and the
 * {@code X-CRM-Token} header are the same sealed value. Never logged.
 *
 * @param crm          the CRM id
 * @param sealed       whether the credentials are sealed
 * @param accessToken  the CRM's OAuth access token; absent when sealed
 * @param refreshToken what to send to {@code /refresh}: the CRM's refresh token, or the sealed credential
 * @param expiresAt    when the CRM's access token expires (ISO 8601), if the CRM said; a sealed credential holding it lasts longer
 *                     ({@code callpop.sealed-credentials.lifetime}), and a refresh gets a fresh access token
 * @param hostname     the user's CRM host, to send as {@code hostname} with each event, if the CRM has one per user
 * @param headers      the headers to send with each event ({@code X-CRM-Token}, {@code X-CRM-Api-Url}, {@code X-CRM-User})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"crm", "sealed", "accessToken", "refreshToken", "expiresAt", "hostname", "headers"})
@Schema(description = "The user's CRM credentials after a sign-in or a refresh.", requiredProperties = {"crm", "sealed", "refreshToken", "headers"})
public record SignInAnswer(
        @Schema(description = "The CRM id.") String crm,
        @Schema(description = "Whether the credentials are sealed (`callpop.sealed-credentials.keys`): then the CRM's tokens are inside "
                + "`refreshToken` and `X-CRM-Token`, one JWE only callpop opens, and never in the answer.") boolean sealed,
        @Schema(description = "The CRM's OAuth access token; absent when sealed.") String accessToken,
        @Schema(description = "What to send to `/refresh`: the CRM's refresh token, or the sealed credential. A sealed credential is "
                + "valid for `callpop.sealed-credentials.lifetime` (30 days by default) after it was sealed.") String refreshToken,
        @Schema(format = "date-time", description = "When the CRM's access token expires (not the sealed credential, which lasts "
                + "`callpop.sealed-credentials.lifetime`): refresh before then. Absent when the CRM did not say.") String expiresAt,
        @Schema(description = "The user's CRM host, to send as `hostname` with every event, for CRMs with a host per user.") String hostname,
        @Schema(description = "The headers to send with every event: `X-CRM-Token`, and where the CRM needs them `X-CRM-Api-Url`, "
                + "`X-CRM-User`.") Map<String, String> headers) {

    @Override
    public String toString() {
        return "SignInAnswer[crm=" + crm + ", sealed=" + sealed + ", ***]";
    }
}
