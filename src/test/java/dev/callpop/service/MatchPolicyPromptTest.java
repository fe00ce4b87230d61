package dev.callpop.service;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.Api;
import dev.callpop.service.testing.MatchPolicyProfiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The operator lets the agent choose among several matches ({@code on-multiple-matches=prompt}) and narrows
 * what users may choose: prompt or open-all for several matches, never for outbound calls.
 */
@QuarkusTest
@TestProfile(MatchPolicyProfiles.PromptWithinBounds.class)
class MatchPolicyPromptTest {

    @Test
    void theCrmsDescriptionSaysWhatUsersMayChoose() {
        Api.get("/api/v1/crms/sample").statusCode(200)
                .body("preferences.inbound.default", equalTo("ringing"))
                .body("preferences.inbound.allowed", contains("ringing", "answered", "never"))
                .body("preferences.outbound.default", equalTo("never"))
                .body("preferences.outbound.allowed", contains("never"))
                .body("preferences.multipleMatches.default", equalTo("prompt"))
                .body("preferences.multipleMatches.allowed", contains("open-all", "prompt"));
    }

    @Test
    void severalMatchesOpenNothingAndOfferEachWithThePageItOpens() {
        Api.event("sample", "call-received", "{\"call\": {\"from\": \"+1 415 555 0123\"}}")
                .statusCode(200)
                .body("actions.type", contains("choose-contact"))
                .body("actions[0].contacts.id", contains("1002", "1003"))
                .body("actions[0].contacts.name", contains("Grace Hopper", "Grace B. Hopper"))
                .body("actions[0].contacts.url", contains("https://crm.example.com?contactId=1002", "https://crm.example.com?contactId=1003"))
                .body("matches.id", contains("1002", "1003"));
    }

    @Test
    void oneMatchOpensItsPage() {
        Api.event("sample", "call-received", "{\"call\": {\"from\": \"+1 415 555 0100\"}}")
                .statusCode(200)
                .body("actions.type", contains("open-url"))
                .body("actions.url", contains("https://crm.example.com?contactId=1001"));
    }

    @Test
    void noMatchOpensTheNewContactPage() {
        Api.event("sample", "call-received", "{\"call\": {\"from\": \"+1 415 555 0199\"}}")
                .statusCode(200)
                .body("actions.type", contains("open-url"))
                .body("actions.url", contains("https://crm.example.com/contacts/new?phone=%2B14155550199"))
                .body("reason", equalTo("No contact has this number."));
    }

    @Test
    void aUserMayChooseAnAllowedPolicyInstead() {
        Api.event("sample", "call-received", "{\"call\": {\"from\": \"+1 415 555 0123\"}, \"preferences\": {\"multipleMatches\": \"open-all\"}}")
                .statusCode(200)
                .body("actions.type", contains("open-url", "open-url"));
    }

    @Test
    void aMatchPolicyTheOperatorDoesNotAllowIsRefusedNamingIt() {
        Api.event("sample", "call-received", "{\"call\": {\"from\": \"+1 415 555 0123\"}, \"preferences\": {\"multipleMatches\": \"first\"}}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:preference-not-allowed"))
                .body("errors.field", contains("preferences.multipleMatches"))
                .body("detail", equalTo("preferences.multipleMatches 'first' is not allowed for Sample CRM here; the operator allows "
                        + "[open-all, prompt] (callpop.crms.sample.allowed-preferences.multiple-matches)"));
    }

    @Test
    void poppingOutboundCallsIsRefusedWhereTheOperatorForbidsIt() {
        Api.event("sample", "call-received", "{\"contact\": {\"id\": \"42\"}, \"call\": {\"direction\": \"outbound\"}, \"preferences\": {\"outbound\": \"ringing\"}}")
                .statusCode(400)
                .body("type", equalTo("urn:callpop:problem:preference-not-allowed"))
                .body("errors.field", contains("preferences.outbound"))
                .body("detail", containsString("the operator allows [never]"))
                .body("detail", not(containsString("contactId")));
    }

    @Test
    void aForbiddenPreferenceIsRefusedOnACallTheOtherWayToo() {
        Api.event("sample", "call-received", "{\"contact\": {\"id\": \"42\"}, \"call\": {\"direction\": \"inbound\"}, \"preferences\": {\"outbound\": \"answered\"}}")
                .statusCode(400)
                .body("errors.field", contains("preferences.outbound"));
    }

    @Test
    void neverPoppingOutboundCallsIsAllowed() {
        Api.event("sample", "call-received", "{\"contact\": {\"id\": \"42\"}, \"call\": {\"direction\": \"inbound\"}, "
                        + "\"preferences\": {\"inbound\": \"ringing\", \"outbound\": \"never\"}}")
                .statusCode(200)
                .body("actions.url", contains("https://crm.example.com?contactId=42"));
    }
}
