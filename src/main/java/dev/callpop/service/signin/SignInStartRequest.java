package dev.callpop.service.signin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.callpop.service.api.InputRules;

/**
 * The body of {@code POST /api/v1/crms/{crm}/sign-in}.
 *
 * @param redirectUri where the CRM sends the browser back with the code: one the operator allowed
 * @param username    the user's CRM login name, where the CRM needs it to find the user's data centre (Bullhorn)
 * @param hostname    the user's CRM host, when the client knows it
 */
public record SignInStartRequest(
        @NotNull(message = "is required: where the CRM sends the browser back") @Size(max = 2048, message = "must be at most 2048 characters") String redirectUri,
        @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE) String username,
        @Size(max = 253, message = "must be at most 253 characters") String hostname) {
}
