package dev.callpop.service.signin;

/**
 * The answer to a sign-in's start.
 *
 * @param crm              the CRM id
 * @param authorizationUrl the CRM's authorization page, to open for the user
 * @param state            callpop's signed state, also in the page's URL; send it back with the code
 */
public record SignInStartAnswer(String crm, String authorizationUrl, String state) {
}
