package dev.callpop.service.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/crms/{crm}/call-received}.
 *
 * @param hostname the user's CRM host, for example {@code acme.pipedrive.com}; optional where the CRM has a default
 * @param contact  what the client knows of the caller
 * @param call     the call
 * @param preferences the user's own pop preferences, within what the operator allows; optional
 */
public record CallReceivedRequest(
        @Size(max = InputRules.HOSTNAME_MAX, message = InputRules.HOSTNAME_MESSAGE) String hostname,
        @Valid ContactRequest contact,
        @Valid CallRequest call,
        @Valid PreferencesRequest preferences) {
}
