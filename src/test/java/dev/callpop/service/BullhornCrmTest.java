package dev.callpop.service;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.callpop.service.testing.Api;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BullhornCrmTest {

    @ParameterizedTest(name = "{0} opens Entity={1}")
    @CsvSource({"Candidate, Candidate", "Contact, Contact", "contact, Contact", "Lead, Lead", "lead, Lead"})
    void callReceivedOpensTheRecordWindowAsAPopup(String type, String entity) {
        Api.event("bullhorn", "call-received", """
                {"hostname": "cls21.bullhornstaffing.com", "contact": {"id": "9876", "type": "%s"}}""".formatted(type))
                .statusCode(200)
                .body("actions[0].url", equalTo(
                        "https://cls21.bullhornstaffing.com/BullhornStaffing/OpenWindow.cfm?Entity=" + entity + "&id=9876&view=Overview"))
                .body("actions[0].target", equalTo("popup"));
    }

    @Test
    void callReceivedWithAnUnknownContactTypeIsRefusedListingTheTypes() {
        Api.event("bullhorn", "call-received", """
                {"hostname": "cls21.bullhornstaffing.com", "contact": {"id": "9876", "type": "Placement"}}""")
                .statusCode(400)
                .body("type", equalTo("urn:callpop:problem:unknown-contact-type"))
                .body("errors.field", contains("contact.type"))
                .body("detail", containsString("Candidate, Contact, Lead"));
    }

    @Test
    void callReceivedWithoutContactTypeIsRefused() {
        Api.event("bullhorn", "call-received", """
                {"hostname": "cls21.bullhornstaffing.com", "contact": {"id": "9876"}}""")
                .statusCode(400)
                .body("type", equalTo("urn:callpop:problem:invalid-request"))
                .body("errors.field", contains("contact.type"));
    }

    @Test
    void hostsOutsideBullhornAreRefused() {
        Api.event("bullhorn", "call-received", """
                {"hostname": "bullhornstaffing.com.evil.com", "contact": {"id": "1", "type": "Lead"}}""")
                .statusCode(400)
                .body("type", equalTo("urn:callpop:problem:host-not-allowed"));
    }
}
