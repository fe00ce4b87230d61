package dev.callpop.service.signin;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The answer to a sign-in's start.
 *
 * @param crm              the CRM id
 * @param authorizationUrl the CRM's authorization page, to open for the user
 * @param state            callpop's signed state, also in the page's URL; send it back with the code
 */
@JsonPropertyOrder({"crm", "authorizationUrl", "state"})
@Schema(description = "Where the user signs in to the CRM, and callpop's state to send back with the code.",
        requiredProperties = {"crm", "authorizationUrl", "state"})
public record SignInStartAnswer(
        @Schema(description = "The CRM id.") String crm,
        @Schema(description = "The CRM's authorization page, to open for the user; a path (`/…`) is a page of callpop itself, "
                + "opened on callpop's origin.") String authorizationUrl,
        @Schema(description = "callpop's signed state, also in the page's URL; valid for 10 minutes.") String state) {
}
