package dev.callpop.service;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.Api;
import dev.callpop.service.testing.MatchPolicyProfiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Several matches open the first, no match opens the fallback page; pops on answered calls both ways. */
@QuarkusTest
@TestProfile(MatchPolicyProfiles.FirstAndFallback.class)
class MatchPolicyFirstAndFallbackTest {

    @Test
    void severalMatchesOpenTheFirst() {
        Api.event("sample", "call-received", "{\"call\": {\"phase\": \"answered\", \"from\": \"+14155550123\"}}")
                .statusCode(200)
                .body("actions.url", contains("https://crm.example.com?contactId=1002"))
                .body("matches.id", contains("1002", "1003"));
    }

    @Test
    void noMatchOpensTheFallbackPage() {
        Api.event("sample", "call-received", "{\"call\": {\"phase\": \"answered\", \"from\": \"+14155550199\"}}")
                .statusCode(200)
                .body("actions.url", contains("https://crm.example.com/lookup?number=%2B14155550199"));
    }

    @Test
    void aRingingCallDoesNotPop() {
        Api.event("sample", "call-received", "{\"call\": {\"phase\": \"ringing\", \"from\": \"+14155550100\"}}")
                .statusCode(200)
                .body("actions", empty())
                .body("reason", containsString("answered"));
    }

    @Test
    void anOutboundCallLooksUpTheCalledNumber() {
        Api.event("sample", "call-received", "{\"call\": {\"direction\": \"outbound\", \"from\": \"+12025550199\", \"to\": \"+14155550100\"}}")
                .statusCode(200)
                .body("actions.url", contains("https://crm.example.com?contactId=1001"));
    }

    @Test
    void aNonNumberIsRejected() {
        Api.event("sample", "call-received", "{\"contact\": {\"phone\": \"12\"}}")
                .statusCode(400)
                .body("type", equalTo("urn:callpop:problem:invalid-request"))
                .body("errors.field", contains("contact.phone"));
    }
}
