package dev.callpop.service.crm.template;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.Api;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** CRMs with no Java: one from settings, and those of RingCentral App Connect's sample manifest. */
@QuarkusTest
@TestProfile(TemplateCrmsTest.WithTemplates.class)
class TemplateCrmsTest {

    /** The sample manifest, and a template CRM in settings. */
    public static class WithTemplates implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("callpop.template-crms.boards.display-name", "Boards"),
                    Map.entry("callpop.template-crms.boards.host-patterns", "**.boards.test"),
                    Map.entry("callpop.template-crms.boards.default-hostname", "app.boards.test"),
                    Map.entry("callpop.template-crms.boards.contact-page-url", "https://{hostname}/b/{boardId}/{contactId}"),
                    Map.entry("callpop.template-crms.boards.call-pop-url", "https://{hostname}/b/{boardId}/{contactId}/ringing"),
                    Map.entry("callpop.template-crms.boards.user-settings", "boardId"),
                    Map.entry("callpop.appconnect.manifest", TemplateCrmDefinitionTest.FIXTURE),
                    Map.entry("callpop.template-crms.acmecrm.display-name", "Acme CRM"),
                    Map.entry("callpop.template-crms.acmecrm.host-patterns", "*.acmecrm.test"),
                    Map.entry("callpop.template-crms.acmecrm.contact-page-url", "https://{hostname}/people/{contactType}/{contactId}"),
                    Map.entry("callpop.template-crms.acmecrm.log-page-url", "https://{hostname}/calls/{logId}"),
                    Map.entry("callpop.template-crms.acmecrm.contact-types", "person=Person,company=Company"),
                    Map.entry("callpop.template-crms.acmecrm.no-match-url", "https://{hostname}/people/new?phone={phone}"),
                    Map.entry("callpop.template-crms.acmecrm.opens-in", "popup"));
        }
    }

    @Test
    void templateCrmsAreListedLikeCodedOnes() {
        Api.get("/api/v1/crms").statusCode(200)
                .body("crms.id", hasItems("acmecrm", "insightly", "redtail", "pipedrive", "sample"))
                .body("crms.find { it.id == 'insightly' }.displayName", equalTo("Insightly"))
                .body("crms.find { it.id == 'insightly' }.hosts", contains("**.insightly.com"))
                .body("crms.find { it.id == 'insightly' }.appConnectPlatform", equalTo("insightly"))
                .body("crms.find { it.id == 'insightly' }.contactTypes.display", contains("Lead", "Contact"))
                .body("crms.find { it.id == 'redtail' }.canOpenLogPage", equalTo(true))
                .body("crms.find { it.id == 'acmecrm' }.findsContactsByPhone", equalTo(false));
    }

    @Test
    void insightlyOpensTheSameContactUrlAsAppConnect() {
        Api.event("insightly", "call-received", "{\"hostname\": \"acme.insightly.com\", \"contact\": {\"id\": \"123\", \"type\": \"Lead\"}}")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://acme.insightly.com/list/lead/?blade=/details/lead/123"))
                .body("actions[0].target", equalTo("tab"));
    }

    @Test
    void insightlyOpensTheEventOfALog() {
        Api.event("insightly", "open-log-page", "{\"hostname\": \"acme.insightly.com\", \"logId\": \"77\", \"contact\": {\"id\": \"123\", \"type\": \"contact\"}}")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://acme.insightly.com/list/contact/?blade=/details/Event/77"));
    }

    @Test
    void aLogTemplateNeedingTheContactTypeSaysSo() {
        Api.event("insightly", "open-log-page", "{\"hostname\": \"acme.insightly.com\", \"logId\": \"77\"}")
                .statusCode(422)
                .body("type", equalTo("urn:callpop:problem:missing-template-value"))
                .body("errors.field", contains("contact.type"));
    }

    @Test
    void redtailOpensContactsAndActivities() {
        Api.event("redtail", "call-received", "{\"hostname\": \"acme.redtailtechnology.com\", \"contact\": {\"id\": \"123\"}}")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://acme.redtailtechnology.com/contacts/123"));
        Api.event("redtail", "open-log-page", "{\"hostname\": \"acme.redtailtechnology.com\", \"logId\": \"77\"}")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://acme.redtailtechnology.com/activities/77"));
    }

    @Test
    void aTemplateCrmRefusesHostsThatAreNotItsOwn() {
        Api.event("redtail", "call-received", "{\"hostname\": \"redtailtechnology.com.evil.com\", \"contact\": {\"id\": \"123\"}}")
                .statusCode(400)
                .body("type", equalTo("urn:callpop:problem:host-not-allowed"));
    }

    @Test
    void aTemplateCrmFromSettingsFillsEachPlaceholder() {
        Api.event("acmecrm", "call-received", "{\"hostname\": \"eu.acmecrm.test\", \"contact\": {\"id\": \"9\", \"type\": \"Company\"}}")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://eu.acmecrm.test/people/company/9"))
                .body("actions[0].target", equalTo("popup"));
        Api.event("acmecrm", "open-log-page", "{\"hostname\": \"eu.acmecrm.test\", \"logId\": \"5\"}")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://eu.acmecrm.test/calls/5"));
    }

    @Test
    void aTemplateCrmFromSettingsOpensItsCallPopPageWithTheUsersSettings() {
        Api.event("boards", "call-received", "{\"contact\": {\"id\": \"9\"}, \"userSettings\": {\"boardId\": \"b1\"}}")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://app.boards.test/b/b1/9/ringing"));
        Api.event("boards", "open-log-page", "{\"hostname\": \"eu.app.boards.test\", \"logId\": \"5\", \"contact\": {\"id\": \"9\"}, \"userSettings\": {\"boardId\": \"b1\"}}")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://eu.app.boards.test/b/b1/9"));
    }

    @Test
    void aCallerOnlyKnownByNumberOpensTheNoMatchPage() {
        Api.event("acmecrm", "call-received", "{\"hostname\": \"eu.acmecrm.test\", \"call\": {\"from\": \"+14155550100\"}}")
                .statusCode(200)
                .body("actions[0].url", equalTo("https://eu.acmecrm.test/people/new?phone=%2B14155550100"));
    }

    @Test
    void theCodedPipedriveAdapterWinsOverTheManifestsAndTheLogSaysSo() throws IOException {
        given().auth().oauth2(Tokens.admin()).when().get("/api/v1/admin/crms").then()
                .statusCode(200)
                .body("find { it.id == 'pipedrive' }.definedBy", equalTo("dev.callpop.adapter.pipedrive.PipedriveCrmAdapter"))
                .body("find { it.id == 'redtail' }.definedBy", equalTo("App Connect manifest " + TemplateCrmDefinitionTest.FIXTURE + ", platforms.redtail"))
                .body("find { it.id == 'acmecrm' }.definedBy", equalTo("callpop.template-crms.acmecrm"));
        assertThat(Files.readString(Path.of("target", "callpop-test.log")))
                .contains("The template CRM 'pipedrive' (App Connect manifest " + TemplateCrmDefinitionTest.FIXTURE + ", platforms.pipedrive) is not used");
    }
}
