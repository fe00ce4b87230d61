package dev.callpop.service;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.Api;
import io.quarkus.test.junit.QuarkusTest;

/** Phone look-up, match policy defaults and pop rules, with the sample CRM's built-in directory. */
@QuarkusTest
class SampleLookupTest {

    @Test
    void theContactsNumberFindsThem() {
        Api.event("sample", "call-received", "{\"contact\": {\"phone\": \"(415) 555-0100\"}, \"call\": {\"phase\": \"ringing\"}}")
                .statusCode(200)
                .body("actions.url", contains("https://crm.example.com?contactId=1001"))
                .body("matches[0].id", equalTo("1001"))
                .body("matches[0].name", equalTo("Ada Lovelace"));
    }

    @Test
    void theCallersNumberFindsThemOnAnInboundCall() {
        Api.event("sample", "call-received", "{\"call\": {\"direction\": \"inbound\", \"from\": \"+1 415 555 0100\", \"to\": \"+1 202 555 0199\"}}")
                .statusCode(200)
                .body("actions.url", contains("https://crm.example.com?contactId=1001"));
    }

    @Test
    void anExtensionOpensNothingAndSaysWhy() {
        Api.event("sample", "call-received", "{\"call\": {\"from\": \"101\"}}")
                .statusCode(200)
                .body("actions", empty())
                .body("reason", containsString("call.from is not a phone number"));
    }

    @Test
    void anAnsweredCallDoesNotPopByDefault() {
        Api.event("sample", "call-received", "{\"contact\": {\"id\": \"1\"}, \"call\": {\"phase\": \"answered\"}}")
                .statusCode(200)
                .body("actions", empty())
                .body("reason", containsString("ringing"));
    }

    @Test
    void anOutboundCallDoesNotPopByDefault() {
        Api.event("sample", "call-received", "{\"contact\": {\"id\": \"1\"}, \"call\": {\"direction\": \"outbound\"}}")
                .statusCode(200)
                .body("actions", empty())
                .body("reason", containsString("inbound"));
    }

    @Test
    void theListingSaysWhichCrmsLookCallersUp() {
        Api.get("/api/v1/crms").statusCode(200)
                .body("crms.find { it.id == 'sample' }.findsContactsByPhone", equalTo(true))
                .body("crms.find { it.id == 'pipedrive' }.findsContactsByPhone", equalTo(true))
                .body("crms.find { it.id == 'bullhorn' }.findsContactsByPhone", equalTo(true));
    }
}
