package dev.callpop.service;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The operator's settings per CRM change what is served. */
@QuarkusTest
@TestProfile(CrmSettingsTest.Tuned.class)
class CrmSettingsTest {

    public static class Tuned implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "callpop.crms.bullhorn.enabled", "false",
                    "callpop.crms.pipedrive.can-open-log-page", "true",
                    "callpop.crms.pipedrive.default-hostname", "acme.pipedrive.com",
                    "callpop.crms.sample.allowed-hosts", "crm.acme.test,*.sandbox.acme.test",
                    "callpop.crms.sample.can-open-log-page", "false");
        }
    }

    @Test
    void aDisabledCrmIsNotListed() {
        Api.get("/api/v1/crms")
                .statusCode(200)
                .body("crms.id", not(hasItem("bullhorn")));
    }

    @Test
    void aDisabledCrmAnswers404() {
        Api.event("bullhorn", "call-received", "{\"hostname\": \"cls21.bullhornstaffing.com\", \"contact\": {\"id\": \"1\", \"type\": \"Lead\"}}")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:unknown-crm"));
    }

    @Test
    void logPagesTurnedOnOpenThePipedriveActivity() {
        Api.event("pipedrive", "open-log-page", "{\"logId\": \"555\"}")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://acme.pipedrive.com/activities/555"));
    }

    @Test
    void theDefaultHostnameIsUsedWhenTheClientSendsNone() {
        Api.event("pipedrive", "call-received", "{\"contact\": {\"id\": \"8\"}}")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://acme.pipedrive.com/person/8"));
    }

    @Test
    void anAllowedHostIsServed() {
        Api.event("sample", "call-received", "{\"hostname\": \"crm.acme.test\", \"contact\": {\"id\": \"8\"}}")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://crm.acme.test?contactId=8"));
        Api.event("sample", "call-received", "{\"hostname\": \"eu.sandbox.acme.test\", \"contact\": {\"id\": \"8\"}}")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://eu.sandbox.acme.test?contactId=8"));
    }

    @Test
    void allowedHostsAreListed() {
        Api.get("/api/v1/crms/sample")
                .statusCode(200)
                .body("hosts", contains("crm.example.com", "crm.acme.test", "*.sandbox.acme.test"))
                .body("canOpenLogPage", equalTo(false));
    }

    @Test
    void logPagesTurnedOffOpenTheContactInstead() {
        Api.event("sample", "open-log-page", "{\"logId\": \"9\", \"contact\": {\"id\": \"8\"}}")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://crm.example.com?contactId=8"));
    }
}
