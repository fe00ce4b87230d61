package dev.callpop.service.signin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.callpop.service.api.InputRules;

/**
 * The body of {@code POST /api/v1/crms/{crm}/sign-in}.
 *
 * @param redirectUri where the CRM sends the browser back with the code: one the operator allowed
 * @param username    the user's CRM login name, where the CRM needs it to find the user's data centre (Bullhorn)
 * @param hostname    the user's CRM host, when the client knows it
 */
public record SignInStartRequest(
        @Schema(description = "Where the CRM sends the browser back with `code` and `state`: under one of `callpop.sign-in.redirect-uris`.")
        @NotNull(message = "is required: where the CRM sends the browser back") @Size(max = 2048, message = "must be at most 2048 characters") String redirectUri,
        @Schema(description = "The user's CRM login name: Bullhorn needs it to find the user's data centre.")
        @Pattern(regexp = InputRules.TEXT, message = InputRules.TEXT_MESSAGE) String username,
        @Schema(description = "The user's CRM host, such as `acme.pipedrive.com`: a plain DNS name (no scheme, port or path), one of the CRM's hosts and the organisation's. Optional where the CRM has a default host.")
        @Size(max = 253, message = "must be at most 253 characters") String hostname) {
}
