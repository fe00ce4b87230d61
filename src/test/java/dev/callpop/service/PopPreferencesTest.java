package dev.callpop.service;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.callpop.service.testing.Api;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The user's own pop preferences, sent with call-received, where the operator allows every choice (the
 * default): they replace the operator's pop rules and match policy for that user's calls.
 */
@QuarkusTest
class PopPreferencesTest {

    private static String call(String call, String preferences) {
        return "{\"contact\": {\"id\": \"42\"}, \"call\": " + call + ", \"preferences\": " + preferences + "}";
    }

    @Test
    void theListingSaysUsersMayChooseEverythingByDefault() {
        Api.get("/api/v1/crms").statusCode(200)
                .body("crms.find { it.id == 'pipedrive' }.preferences.inbound.default", equalTo("ringing"))
                .body("crms.find { it.id == 'pipedrive' }.preferences.outbound.default", equalTo("never"))
                .body("crms.find { it.id == 'pipedrive' }.preferences.outbound.allowed", contains("ringing", "answered", "never"))
                .body("crms.find { it.id == 'pipedrive' }.preferences.multipleMatches.default", equalTo("open-all"))
                .body("crms.find { it.id == 'pipedrive' }.preferences.multipleMatches.allowed", contains("open-all", "first", "search-page", "prompt"));
    }

    @Test
    void anOutboundCallPopsWhenTheUserChoosesTo() {
        Api.event("sample", "call-received", call("{\"direction\": \"outbound\", \"phase\": \"ringing\"}", "{\"outbound\": \"ringing\"}"))
                .statusCode(200)
                .body("actions.url", contains("https://crm.example.com?contactId=42"));
    }

    @Test
    void anInboundCallOpensNothingWhenTheUserChoosesNever() {
        Api.event("sample", "call-received", call("{\"direction\": \"inbound\", \"phase\": \"ringing\"}", "{\"inbound\": \"never\"}"))
                .statusCode(200)
                .body("actions", empty())
                .body("reason", equalTo("The user's preferences open nothing for inbound calls (preferences.inbound=never)."));
    }

    @Test
    void anAnsweredCallPopsWhenTheUserChoosesAnswered() {
        Api.event("sample", "call-received", call("{\"phase\": \"answered\"}", "{\"inbound\": \"answered\"}"))
                .statusCode(200)
                .body("actions.url", contains("https://crm.example.com?contactId=42"));
    }

    @Test
    void aRingingCallDoesNotPopWhenTheUserChoosesAnswered() {
        Api.event("sample", "call-received", call("{\"phase\": \"ringing\"}", "{\"inbound\": \"answered\"}"))
                .statusCode(200)
                .body("actions", empty())
                .body("reason", containsString("when a call is answered (preferences.inbound); this call is ringing"));
    }

    @Test
    void aPreferenceForTheOtherDirectionLeavesThisCallToTheOperatorsRules() {
        Api.event("sample", "call-received", call("{\"direction\": \"outbound\", \"phase\": \"ringing\"}", "{\"inbound\": \"ringing\"}"))
                .statusCode(200)
                .body("actions", empty())
                .body("reason", containsString("Pages open for [inbound] calls; this call is outbound"));
    }

    @Test
    void severalMatchesOpenTheFirstWhenTheUserChoosesFirst() {
        Api.event("sample", "call-received", "{\"call\": {\"from\": \"+14155550123\"}, \"preferences\": {\"multipleMatches\": \"first\"}}")
                .statusCode(200)
                .body("actions.url", contains("https://crm.example.com?contactId=1002"))
                .body("matches.id", contains("1002", "1003"));
    }

    @Test
    void severalMatchesAreOfferedToChooseFromWhenTheUserChoosesPrompt() {
        Api.event("sample", "call-received", "{\"call\": {\"from\": \"+14155550123\"}, \"preferences\": {\"multipleMatches\": \"prompt\"}}")
                .statusCode(200)
                .body("actions.type", contains("choose-contact"))
                .body("actions[0].url", nullValue())
                .body("actions[0].contacts.id", contains("1002", "1003"))
                .body("actions[0].contacts.url", contains("https://crm.example.com?contactId=1002", "https://crm.example.com?contactId=1003"))
                .body("actions[0].contacts.target", contains("tab", "tab"))
                .body("reason", equalTo("2 contacts have this number; the agent chooses which to open."));
    }

    @Test
    void oneUsersChoiceIsNeverAnsweredFromAnotherChoicesCachedLookUp() {
        // Same agent, same number, within the look-up cache's time: the answer follows each request's preference.
        String number = "{\"call\": {\"from\": \"(415) 555-0123\"}, \"preferences\": {\"multipleMatches\": \"%s\"}}";
        Api.event("sample", "call-received", number.formatted("open-all")).statusCode(200).body("actions.type", contains("open-url", "open-url"));
        Api.event("sample", "call-received", number.formatted("prompt")).statusCode(200).body("actions.type", contains("choose-contact"));
        Api.event("sample", "call-received", number.formatted("first")).statusCode(200).body("actions.type", contains("open-url"));
    }

    @Test
    void noPreferencesKeepTheOperatorsRules() {
        Api.event("sample", "call-received", "{\"contact\": {\"id\": \"42\"}, \"call\": {\"direction\": \"outbound\"}, \"preferences\": {}}")
                .statusCode(200)
                .body("actions", empty())
                .body("reason", containsString("inbound"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"inbound, always", "inbound, Ringing", "outbound, on-hold", "outbound, ''", "multipleMatches, all",
            "multipleMatches, PROMPT", "multipleMatches, search_page"})
    void anUnknownPreferenceWordIsABadRequestNamingTheField(String field, String word) {
        Api.event("sample", "call-received", call("{}", "{\"" + field + "\": \"" + word + "\"}"))
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:invalid-request"))
                .body("errors.field", contains("preferences." + field));
    }

    @Test
    void preferencesThatAreNotAnObjectAreMalformedJson() {
        Api.event("sample", "call-received", call("{}", "\"prompt\""))
                .statusCode(400)
                .body("type", equalTo("urn:callpop:problem:malformed-json"))
                .body("detail", containsString("preferences"));
    }
}
