package dev.callpop.service.signin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.callpop.service.api.InputRules;

/**
 * The body of {@code POST /api/v1/crms/{crm}/refresh}. Never logged.
 *
 * @param refreshToken the refresh token a sign-in answered (sealed or not)
 * @param username     the user's CRM login name, where the CRM needs it to find the user's data centre
 *                     (Bullhorn, without sealed credentials)
 * @param hostname     the user's CRM host, when the client knows it
 */
public record RefreshRequest(
        @Schema(description = "The `refreshToken` of the last sign-in or refresh: the CRM's, or the sealed credential.")
        @NotNull(message = "is required: the refresh token the sign-in answered") @Pattern(regexp = InputRules.TOKEN, message = InputRules.TOKEN_MESSAGE) String refreshToken,
        @Schema(description = "The user's CRM login name (Bullhorn without sealed credentials).")
        @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE) String username,
        @Schema(description = "The user's CRM host, such as `acme.pipedrive.com`: a plain DNS name (no scheme, port or path), one of the CRM's hosts and the organisation's. Optional where the CRM has a default host.")
        @Size(max = 253, message = "must be at most 253 characters") String hostname) {

    @Override
    public String toString() {
        return "RefreshRequest[***]";
    }
}
