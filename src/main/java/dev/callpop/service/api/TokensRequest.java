package dev.callpop.service.api;

import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A user's CRM tokens as the client holds them. Never logged: {@link #toString()} hides them.
 *
 * @param accessToken  the OAuth access token
 * @param refreshToken the OAuth refresh token
 */
public record TokensRequest(
        @Schema(description = "The CRM access token to revoke.")
        @Pattern(regexp = InputRules.TOKEN, message = InputRules.TOKEN_MESSAGE) String accessToken,
        @Schema(description = "The CRM refresh token to revoke (revoked first).")
        @Pattern(regexp = InputRules.TOKEN, message = InputRules.TOKEN_MESSAGE) String refreshToken) {

    @Override
    public String toString() {
        return "TokensRequest[***]";
    }
}
