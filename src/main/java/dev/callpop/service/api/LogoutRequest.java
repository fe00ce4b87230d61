package dev.callpop.service.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/crms/{crm}/logout}.
 *
 * @param hostname the user's CRM host; optional where the CRM has a default
 * @param tokens   the user's CRM tokens, for CRMs whose tokens callpop revokes
 */
public record LogoutRequest(
        @Size(max = InputRules.HOSTNAME_MAX, message = InputRules.HOSTNAME_MESSAGE) String hostname,
        @Valid TokensRequest tokens) {
}
