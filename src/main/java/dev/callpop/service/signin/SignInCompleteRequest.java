package dev.callpop.service.signin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.callpop.service.api.InputRules;

/**
 * The body of {@code POST /api/v1/crms/{crm}/sign-in/complete}: what the CRM gave the browser. Never logged.
 *
 * @param code  the authorization code
 * @param state the {@code state} callpop answered when the sign-in started
 */
public record SignInCompleteRequest(
        @Schema(description = "The `code` the CRM put on the redirect URI.")
        @NotNull(message = "is required: the code the CRM gave the browser") @Pattern(regexp = InputRules.TOKEN, message = InputRules.TOKEN_MESSAGE) String code,
        @Schema(description = "The `state` the CRM put on the redirect URI (the one the start answered).")
        @NotNull(message = "is required: the state the sign-in started with") @Size(max = 4096, message = "must be at most 4096 characters") String state) {

    @Override
    public String toString() {
        return "SignInCompleteRequest[***]";
    }
}
