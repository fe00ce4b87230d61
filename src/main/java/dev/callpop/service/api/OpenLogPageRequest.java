package dev.callpop.service.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/crms/{crm}/open-log-page}.
 *
 * @param hostname the user's CRM host; optional where the CRM has a default
 * @param logId    the call log's id in the CRM
 * @param contact  the contact the log belongs to, when known: its page opens where the CRM has no log page
 */
public record OpenLogPageRequest(
        @Size(max = InputRules.HOSTNAME_MAX, message = InputRules.HOSTNAME_MESSAGE) String hostname,
        @NotNull(message = "is required") @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String logId,
        @Valid ContactRequest contact) {
}
