package dev.callpop.service.api;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/crms/{crm}/call-received}.
 *
 * @param hostname the user's CRM host, for example {@code acme.pipedrive.com}; optional where the CRM has a default
 * @param contact  what the client knows of the caller
 * @param call     the call
 * @param userSettings values of the user's own CRM settings, by name, for CRMs whose pages use them
 *                 (an App Connect platform's {@code {contactBoardId}}, for example); each value is a CRM record id
 * @param preferences the user's own pop preferences, within what the operator allows; optional
 */
public record CallReceivedRequest(
        @Schema(description = "The user's CRM host, such as `acme.pipedrive.com`: a plain DNS name (no scheme, port or path), one of the CRM's hosts and the organisation's. Optional where the CRM has a default host.")
        @Size(max = InputRules.HOSTNAME_MAX, message = InputRules.HOSTNAME_MESSAGE) String hostname,
        @Schema(description = "What the client knows of the caller; any member may be missing.")
        @Valid ContactRequest contact,
        @Schema(description = "The call.")
        @Valid CallRequest call,
        @Schema(description = "The user's own pop preferences, within the operator's bounds (`GET /api/v1/crms/{crm}` lists them); a member not sent leaves the operator's setting.")
        @Valid PreferencesRequest preferences,
        @Schema(description = "Values of the CRM's own URL placeholders (template CRMs), by placeholder name.")
        @Size(max = InputRules.USER_SETTINGS_MAX, message = InputRules.USER_SETTINGS_MAX_MESSAGE)
        Map<@Pattern(regexp = InputRules.USER_SETTING, message = InputRules.USER_SETTING_MESSAGE) String,
            @NotNull(message = "is required") @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String> userSettings) {
}
