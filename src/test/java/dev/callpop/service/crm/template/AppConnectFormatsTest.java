package dev.callpop.service.crm.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The parts of App Connect's manifest format the nine real platforms do not all show: user-setting placeholders,
 * {@code callPopUrl}, the fallback contact page, legacy contact types, URL-shaped {@code urlIdentifier}s, fixed
 * hosts in templates, platform names that are not ids, and the environments callpop refuses.
 */
@QuarkusTest
@TestProfile(AppConnectFormatsTest.Formats.class)
class AppConnectFormatsTest {

    static final String FIXTURE = "src/test/resources/appconnect-manifest-formats.json";

    /** A manifest of made-up platforms, one per format rule. */
    public static class Formats implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callpop.appconnect.manifest", FIXTURE);
        }
    }

    @Test
    void aKnownContactOpensTheCallPopUrlFilledWithTheUsersSettings() {
        Api.event("board-crm", "call-received", "{\"hostname\": \"acme.boardcrm.test\", \"contact\": {\"id\": \"42\", \"type\": \"Lead\"},"
                        + " \"userSettings\": {\"contactBoardId\": \"b-17\", \"unusedSetting\": \"x\"}}")
                .statusCode(200)
                .body("actions.url", contains("https://acme.boardcrm.test/boards/b-17/items/42?view=call"));
    }

    @Test
    void openLogPageFillsASettingFromASettingsSection() {
        Api.event("board-crm", "open-log-page", "{\"hostname\": \"acme.boardcrm.test\", \"logId\": \"9\", \"userSettings\": {\"callLogBoardId\": \"b-18\"}}")
                .statusCode(200)
                .body("actions.url", contains("https://acme.boardcrm.test/boards/b-18/items/9"));
    }

    @Test
    void aTemplateNeedingASettingTheClientDidNotSendAnswersA4xxNamingIt() {
        Api.event("board-crm", "call-received", "{\"hostname\": \"acme.boardcrm.test\", \"contact\": {\"id\": \"42\", \"type\": \"Lead\"}}")
                .statusCode(422)
                .body("type", equalTo("urn:callpop:problem:missing-template-value"))
                .body("errors.field", contains("userSettings.contactBoardId"))
                .body("detail", containsString("{contactBoardId}"));
    }

    @Test
    void aSettingValueThatCouldMoveTheUrlIsRefused() {
        for (String value : new String[] {"../admin", "b 17", "b/17", "b?x=1", "b#x", "", "%2e%2e"}) {
            Api.event("board-crm", "call-received", "{\"hostname\": \"acme.boardcrm.test\", \"contact\": {\"id\": \"42\", \"type\": \"Lead\"},"
                            + " \"userSettings\": {\"contactBoardId\": \"" + value + "\"}}")
                    .statusCode(400)
                    .body("type", equalTo("urn:callpop:problem:invalid-request"))
                    .body("errors.field", contains("userSettings.contactBoardId"));
        }
    }

    @Test
    void aBadSettingNameOrTooManySettingsAreRefused() {
        Api.event("board-crm", "call-received", "{\"hostname\": \"acme.boardcrm.test\", \"contact\": {\"id\": \"42\", \"type\": \"Lead\"},"
                        + " \"userSettings\": {\"board id\": \"7\"}}")
                .statusCode(400)
                .body("errors.field", contains("userSettings"))
                .body("detail", not(containsString("board id")));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 33; i++) {
            many.append(i == 0 ? "" : ", ").append("\"s").append(i).append("\": \"v\"");
        }
        Api.event("board-crm", "call-received", "{\"hostname\": \"acme.boardcrm.test\", \"userSettings\": {" + many + "}}")
                .statusCode(400)
                .body("errors.field", contains("userSettings"));
        Api.event("board-crm", "call-received", "{\"hostname\": \"acme.boardcrm.test\", \"userSettings\": [\"7\"]}")
                .statusCode(400);
    }

    @Test
    void legacyStringContactTypesAreTheirOwnDisplayNames() {
        Api.get("/api/v1/crms/board-crm").statusCode(200)
                .body("contactTypes.value", contains("Lead", "Contact"))
                .body("contactTypes.display", contains("Lead", "Contact"));
    }

    @Test
    void aUrlShapedUrlIdentifierAndItsEnvironmentsGiveOneAllowList() {
        Api.get("/api/v1/crms/board-crm").statusCode(200)
                .body("hosts", contains("**.boardcrm.test"))
                .body("appConnectPlatform", equalTo("boardCrm"));
        Api.event("board-crm", "open-log-page", "{\"hostname\": \"boardcrm.test.evil.test\", \"logId\": \"9\"}")
                .statusCode(400)
                .body("type", equalTo("urn:callpop:problem:host-not-allowed"));
    }

    @Test
    void aSelectableEnvironmentAllowsEachSelectionsHostAndDefaultsToTheFirst() {
        Api.get("/api/v1/crms/regional").statusCode(200)
                .body("hosts", contains("**.regional.test", "eu.regional-eu.test"))
                .body("defaultHostname", equalTo("eu.regional-eu.test"));
        Api.event("regional", "call-received", "{\"contact\": {\"id\": \"42\"}}").statusCode(200)
                .body("actions.url", contains("https://eu.regional-eu.test/c/42"));
        Api.event("regional", "call-received", "{\"hostname\": \"us.regional.test\", \"contact\": {\"id\": \"42\"}}").statusCode(200)
                .body("actions.url", contains("https://us.regional.test/c/42"));
        Api.event("regional", "call-received", "{\"hostname\": \"x.regional-eu.test\", \"contact\": {\"id\": \"42\"}}").statusCode(400)
                .body("type", equalTo("urn:callpop:problem:host-not-allowed"));
    }

    @Test
    void anUnknownCallerOpensTheFallbackContactPageWhenTheManifestEnablesIt() {
        Api.event("board-crm", "call-received", "{\"hostname\": \"eu.acme.boardcrm.test\", \"call\": {\"from\": \"+14155550100\"},"
                        + " \"userSettings\": {\"contactBoardId\": \"b-17\"}}")
                .statusCode(200)
                .body("actions.url", contains("https://eu.acme.boardcrm.test/boards/b-17"));
        Api.event("fallback-off", "call-received", "{\"hostname\": \"acme.fallbackoff.test\", \"call\": {\"from\": \"+14155550100\"}}")
                .statusCode(200)
                .body("actions", org.hamcrest.Matchers.empty());
    }

    @Test
    void aPlatformNameThatIsNotAnIdGetsAStableLowercaseId() {
        Api.get("/api/v1/crms").statusCode(200)
                .body("crms.id", hasItem("ringcentral-labs-dominion"))
                .body("crms.find { it.id == 'ringcentral-labs-dominion' }.appConnectPlatform", equalTo("ringcentral_labs.dominion"));
        Api.event("ringcentral-labs-dominion", "call-received", "{\"contact\": {\"id\": \"42\"}}")
                .statusCode(200)
                .body("actions.url", contains("https://dominion.labs.test/people/42"));
    }

    @Test
    void platformsCallpopCannotServeAreLeftOutAndTheStartUpLogSaysWhy() throws IOException {
        Api.get("/api/v1/crms").statusCode(200)
                .body("crms.id", not(hasItem("fixed-elsewhere")))
                .body("crms.id", not(hasItem("no-selections")))
                .body("crms.id", not(hasItem("odd-environment")))
                .body("crms.id", not(hasItem("inner-star")))
                .body("crms.id", not(hasItem("top-level")));
        String log = Files.readString(Path.of("target", "callpop-test.log"));
        assertThat(log)
                .contains("App Connect platform 'boardCrm' in " + FIXTURE + " is the template CRM 'board-crm'")
                .contains("App Connect platform 'ringcentral_labs.dominion' in " + FIXTURE + " is the template CRM 'ringcentral-labs-dominion'")
                .contains("'fixedElsewhere' in " + FIXTURE + " is not served: its fixed environment's host other.test is not on its urlIdentifier's hosts")
                .contains("'noSelections' in " + FIXTURE + " is not served: its selectable environment has no selections")
                .contains("'oddEnvironment' in " + FIXTURE + " is not served: its environment type 'roaming' is none of")
                .contains("'innerStar' in " + FIXTURE + " is not served: its urlIdentifier 'app.*.mine.test' does not name a host")
                .contains("'topLevel' in " + FIXTURE + " is not served: its urlIdentifier '*.com' does not name a host")
                .contains("'Board-CRM' in " + FIXTURE + " is not served: its CRM id 'board-crm' is that of an earlier platform");
    }
}
