package dev.callpop.service.api;

import jakarta.validation.constraints.Pattern;

/**
 * A user's CRM tokens as the client holds them. Never logged: {@link #toString()} hides them.
 *
 * @param accessToken  the OAuth access token
 * @param refreshToken the OAuth refresh token
 */
public record TokensRequest(
        @Pattern(regexp = InputRules.TOKEN, message = InputRules.TOKEN_MESSAGE) String accessToken,
        @Pattern(regexp = InputRules.TOKEN, message = InputRules.TOKEN_MESSAGE) String refreshToken) {

    @Override
    public String toString() {
        return "TokensRequest[***]";
    }
}
