package dev.callpop.service.api;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/crms/{crm}/open-log-page}.
 *
 * @param hostname the user's CRM host; optional where the CRM has a default
 * @param logId    the call log's id in the CRM
 * @param contact  the contact the log belongs to, when known: its page opens where the CRM has no log page
 * @param userSettings values of the user's own CRM settings, by name, for CRMs whose pages use them
 *                 (an App Connect platform's {@code {contactBoardId}}, for example); each value is a CRM record id
 */
public record OpenLogPageRequest(
        @Schema(description = "The user's CRM host, such as `acme.pipedrive.com`: a plain DNS name (no scheme, port or path), one of the CRM's hosts and the organisation's. Optional where the CRM has a default host.")
        @Size(max = InputRules.HOSTNAME_MAX, message = InputRules.HOSTNAME_MESSAGE) String hostname,
        @Schema(description = "The log's (activity's) id in the CRM.")
        @NotNull(message = "is required") @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String logId,
        @Schema(description = "The log's contact, when known: its page opens where the CRM opens no log pages.")
        @Valid ContactRequest contact,
        @Schema(description = "Values of the CRM's own URL placeholders (template CRMs), by placeholder name.")
        @Size(max = InputRules.USER_SETTINGS_MAX, message = InputRules.USER_SETTINGS_MAX_MESSAGE)
        Map<@Pattern(regexp = InputRules.USER_SETTING, message = InputRules.USER_SETTING_MESSAGE) String,
            @NotNull(message = "is required") @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String> userSettings) {
}
