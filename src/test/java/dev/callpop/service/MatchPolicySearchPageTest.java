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

/** Several matches open the search page, no match opens nothing; Bullhorn never pops. */
@QuarkusTest
@TestProfile(MatchPolicyProfiles.SearchPageAndNothing.class)
class MatchPolicySearchPageTest {

    @Test
    void severalMatchesOpenTheSearchPageAndListTheMatches() {
        Api.event("sample", "call-received", "{\"call\": {\"from\": \"+14155550123\"}}")
                .statusCode(200)
                .body("actions.url", contains("https://crm.example.com/search?phone=%2B14155550123"))
                .body("matches.id", contains("1002", "1003"));
    }

    @Test
    void noMatchOpensNothing() {
        Api.event("sample", "call-received", "{\"call\": {\"from\": \"+14155550199\"}}")
                .statusCode(200)
                .body("actions", empty())
                .body("reason", equalTo("No contact has this number."));
    }

    @Test
    void aCrmSetNeverToPopOpensNothing() {
        Api.event("bullhorn", "call-received", "{\"hostname\": \"cls21.bullhornstaffing.com\", \"contact\": {\"id\": \"1\", \"type\": \"Lead\"}}")
                .statusCode(200)
                .body("actions", empty())
                .body("reason", containsString("pop-on=never"));
    }
}
