package dev.callpop.service.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/crms/{crm}/logout}.
 *
 * @param hostname the user's CRM host; optional where the CRM has a default
 * @param tokens   the user's CRM tokens, for CRMs whose tokens callpop revokes
 */
public record LogoutRequest(
        @Schema(description = "The user's CRM host, such as `acme.pipedrive.com`: a plain DNS name (no scheme, port or path), one of the CRM's hosts and the organisation's. Optional where the CRM has a default host.")
        @Size(max = InputRules.HOSTNAME_MAX, message = InputRules.HOSTNAME_MESSAGE) String hostname,
        @Schema(description = "The user's CRM tokens to revoke (Pipedrive); without them, the tokens inside a sealed `X-CRM-Token`.")
        @Valid TokensRequest tokens) {
}
