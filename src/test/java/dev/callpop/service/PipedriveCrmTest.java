package dev.callpop.service;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.Api;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PipedriveCrmTest {

    @Test
    void callReceivedOpensThePerson() {
        Api.event("pipedrive", "call-received", """
                {"hostname": "acme.pipedrive.com", "contact": {"id": "1234"}, "call": {"direction": "inbound", "phase": "ringing"}}""")
                .statusCode(200)
                .body("crm", equalTo("pipedrive"))
                .body("actions[0].type", equalTo("open-url"))
                .body("actions[0].url", equalTo("https://acme.pipedrive.com/person/1234"))
                .body("actions[0].target", equalTo("tab"));
    }

    @Test
    void callReceivedNeedsTheCompanyHostname() {
        Api.event("pipedrive", "call-received", """
                {"contact": {"id": "1234"}}""")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:invalid-request"))
                .body("errors.field", contains("hostname"))
                .body("detail", containsString("acme.pipedrive.com"));
    }

    @Test
    void openLogPageOpensThePersonBecausePipedriveLogPagesAreOffByDefault() {
        Api.event("pipedrive", "open-log-page", """
                {"hostname": "acme.pipedrive.com", "logId": "555", "contact": {"id": "1234"}}""")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://acme.pipedrive.com/person/1234"))
                .body("reason", containsString("contact's page"));
    }

    @Test
    void openLogPageWithoutContactIsRefusedWithAReason() {
        Api.event("pipedrive", "open-log-page", """
                {"hostname": "acme.pipedrive.com", "logId": "555"}""")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:log-page-unavailable"))
                .body("detail", containsString("contact.id"));
    }
}
