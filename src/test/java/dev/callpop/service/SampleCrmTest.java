package dev.callpop.service;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.Api;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class SampleCrmTest {

    @Test
    void callReceivedWithContactIdOpensTheContactOnTheDefaultHost() {
        Api.event("sample", "call-received", """
                {"contact": {"id": "42", "name": "Ada Lovelace"},
                 "call": {"id": "c-1", "direction": "inbound", "from": "+44 20 7946 0000", "to": "+1 555 0100", "phase": "ringing"}}""")
                .statusCode(200)
                .contentType("application/json")
                .body("crm", equalTo("sample"))
                .body("event", equalTo("call-received"))
                .body("actions.type", contains("open-url"))
                .body("actions[0].url", equalTo("https://crm.example.com?contactId=42"))
                .body("actions[0].target", equalTo("tab"))
                .body("reason", nullValue());
    }

    @Test
    void callReceivedWithTheSampleHostNamedOpensTheSamePage() {
        Api.event("sample", "call-received", """
                {"hostname": "CRM.Example.com", "contact": {"id": "a-1.b_2"}}""")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://crm.example.com?contactId=a-1.b_2"));
    }

    @Test
    void callReceivedWithoutContactIdOrNumberOpensNothingAndSaysWhy() {
        Api.event("sample", "call-received", """
                {"contact": {"name": "Somebody"}, "call": {"direction": "inbound"}}""")
                .statusCode(200)
                .body("actions", empty())
                .body("reason", containsString("no contact id"));
    }

    @Test
    void callReceivedWithAnEmptyBodyObjectOpensNothing() {
        Api.event("sample", "call-received", "{}")
                .statusCode(200)
                .body("actions", empty());
    }

    @Test
    void openLogPageOpensTheActivity() {
        Api.event("sample", "open-log-page", """
                {"logId": "77"}""")
                .statusCode(200)
                .body("event", equalTo("open-log-page"))
                .body("actions[0].url", equalTo("https://crm.example.com/activities/77"))
                .body("actions[0].target", equalTo("tab"));
    }

    @Test
    void logoutHasNothingToCleanUp() {
        Api.event("sample", "logout", "{}")
                .statusCode(200)
                .body("event", equalTo("logout"))
                .body("actions", empty())
                .body("steps", nullValue());
    }
}
