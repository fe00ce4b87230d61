package dev.callpop.service;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.Api;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CrmListingTest {

    @Test
    void listsTheShippedCrmsWithTheirCapabilities() {
        Api.get("/api/v1/crms")
                .statusCode(200)
                .body("crms.id", hasItems("bullhorn", "pipedrive", "sample"))
                .body("crms.find { it.id == 'pipedrive' }.canOpenLogPage", equalTo(false))
                .body("crms.find { it.id == 'pipedrive' }.hosts", contains("*.pipedrive.com"))
                .body("crms.find { it.id == 'sample' }.defaultHostname", equalTo("crm.example.com"))
                .body("crms.find { it.id == 'bullhorn' }.contactTypes.display", contains("Candidate", "Contact", "Lead"))
                .body("crms.find { it.id == 'bullhorn' }.contactTypes.value", contains("Candidate", "Contact", "Lead"));
    }

    @Test
    void describesOneCrm() {
        Api.get("/api/v1/crms/bullhorn")
                .statusCode(200)
                .body("id", equalTo("bullhorn"))
                .body("displayName", equalTo("Bullhorn"))
                .body("canOpenLogPage", equalTo(false));
    }

    @Test
    void anUnknownCrmIsA404Problem() {
        Api.get("/api/v1/crms/salesforce")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:unknown-crm"))
                .body("status", equalTo(404))
                .body("instance", equalTo("/api/v1/crms/salesforce"));
    }

    @Test
    void anEventForAnUnknownCrmIsA404Problem() {
        Api.event("salesforce", "call-received", "{}")
                .statusCode(404)
                .body("type", equalTo("urn:callpop:problem:unknown-crm"));
    }
}
