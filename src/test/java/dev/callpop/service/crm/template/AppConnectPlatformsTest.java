package dev.callpop.service.crm.template;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.callpop.service.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * App Connect manifest 1.6.38's nine platforms, imported as they are: every platform with a contact or log page
 * is served, and opens the URL App Connect's own client builds for the same contact or log.
 */
@QuarkusTest
@TestProfile(AppConnectPlatformsTest.NinePlatforms.class)
class AppConnectPlatformsTest {

    /** The URL fields of App Connect's nine platforms, copied from the project's shared fixtures. */
    static final String FIXTURE = "src/test/resources/appconnect-manifest-platforms.json";

    /** The nine-platform manifest. */
    public static class NinePlatforms implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callpop.appconnect.manifest", FIXTURE);
        }
    }

    @Test
    void everyPlatformWithAPageIsListedWithItsManifestName() {
        Api.get("/api/v1/crms").statusCode(200)
                .body("crms.id", hasItems("insightly", "clio", "redtail", "netsuite", "google-sheets", "gohighlevel", "freshdesk", "pipedrive", "bullhorn"))
                .body("crms.find { it.id == 'google-sheets' }.appConnectPlatform", equalTo("googleSheets"))
                .body("crms.find { it.id == 'google-sheets' }.displayName", equalTo("Google Sheets (Beta)"))
                .body("crms.find { it.id == 'clio' }.hosts", contains("**.app.clio.com"))
                .body("crms.find { it.id == 'clio' }.defaultHostname", equalTo("app.clio.com"))
                .body("crms.find { it.id == 'netsuite' }.hosts", contains("**.app.netsuite.com"))
                .body("crms.find { it.id == 'gohighlevel' }.hosts", contains("app.gohighlevel.com"))
                .body("crms.find { it.id == 'redtail' }.defaultHostname", equalTo("crm.redtailtechnology.com"))
                .body("crms.find { it.id == 'freshdesk' }.defaultHostname", nullValue());
    }

    @Test
    void theCodedAdaptersKeepTheirIds() {
        Api.get("/api/v1/crms").statusCode(200)
                .body("crms.find { it.id == 'pipedrive' }.appConnectPlatform", nullValue())
                .body("crms.find { it.id == 'bullhorn' }.appConnectPlatform", nullValue())
                .body("crms.find { it.id == 'pipedrive' }.hosts", contains("*.pipedrive.com"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "pipedrive   | {\"hostname\": \"acme.pipedrive.com\", \"contact\": {\"id\": \"42\"}} | https://acme.pipedrive.com/person/42",
            "insightly   | {\"hostname\": \"acme.insightly.com\", \"contact\": {\"id\": \"123\", \"type\": \"Lead\"}} | https://acme.insightly.com/list/lead/?blade=/details/lead/123",
            "insightly   | {\"hostname\": \"na1.crm.insightly.com\", \"contact\": {\"id\": \"123\", \"type\": \"contact\"}} | https://na1.crm.insightly.com/list/contact/?blade=/details/contact/123",
            "clio        | {\"contact\": {\"id\": \"77\", \"type\": \"Person\"}} | https://app.clio.com/nc/#/contacts/77",
            "clio        | {\"hostname\": \"eu.app.clio.com\", \"contact\": {\"id\": \"77\", \"type\": \"Company\"}} | https://eu.app.clio.com/nc/#/contacts/77",
            "redtail     | {\"contact\": {\"id\": \"123\"}} | https://crm.redtailtechnology.com/contacts/123",
            "netsuite    | {\"hostname\": \"1234567.app.netsuite.com\", \"contact\": {\"id\": \"42\", \"type\": \"Customer\"}} | https://1234567.app.netsuite.com/app/common/entity/custjob.nl?id=42&source=ringcentral",
            "netsuite    | {\"hostname\": \"1234567-sb1.app.netsuite.com\", \"contact\": {\"id\": \"42\", \"type\": \"prospect\"}} | https://1234567-sb1.app.netsuite.com/app/common/entity/prospect.nl?id=42&source=ringcentral",
            "gohighlevel | {\"contact\": {\"id\": \"aBc123\", \"type\": \"Contact\"}} | https://app.gohighlevel.com/v2/location/contact/contacts/detail/aBc123",
            "freshdesk   | {\"hostname\": \"acme.freshdesk.com\", \"contact\": {\"id\": \"42\"}} | https://acme.freshdesk.com/a/contacts/42"})
    void callReceivedOpensTheContactPageAppConnectOpens(String crm, String body, String url) {
        Api.event(crm, "call-received", body).statusCode(200)
                .body("actions.url", contains(url));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "insightly     | {\"hostname\": \"acme.insightly.com\", \"logId\": \"77\", \"contact\": {\"id\": \"123\", \"type\": \"Lead\"}} | https://acme.insightly.com/list/lead/?blade=/details/Event/77",
            "clio          | {\"logId\": \"5\", \"contact\": {\"id\": \"77\", \"type\": \"Person\"}} | https://app.clio.com/nc/#/contacts/77/communications",
            "redtail       | {\"logId\": \"77\"} | https://crm.redtailtechnology.com/activities/77",
            "netsuite      | {\"hostname\": \"1234567.app.netsuite.com\", \"logId\": \"77\"} | https://1234567.app.netsuite.com/app/crm/calendar/call.nl?id=77",
            "google-sheets | {\"logId\": \"1AbC_dEf-9\"} | https://docs.google.com/spreadsheets/d/1AbC_dEf-9",
            "pipedrive     | {\"hostname\": \"acme.pipedrive.com\", \"logId\": \"77\", \"contact\": {\"id\": \"42\"}} | https://acme.pipedrive.com/person/42",
            "freshdesk     | {\"hostname\": \"acme.freshdesk.com\", \"logId\": \"77\", \"contact\": {\"id\": \"42\"}} | https://acme.freshdesk.com/a/contacts/42",
            "gohighlevel   | {\"logId\": \"77\", \"contact\": {\"id\": \"aBc123\", \"type\": \"Contact\"}} | https://app.gohighlevel.com/v2/location/contact/contacts/detail/aBc123"})
    void openLogPageOpensTheLogPageOrTheContactPageAsAppConnectDoes(String crm, String body, String url) {
        Api.event(crm, "open-log-page", body).statusCode(200)
                .body("actions.url", contains(url));
    }

    @Test
    void clioNeedsTheContactForItsLogPageAndSaysSo() {
        Api.event("clio", "open-log-page", "{\"logId\": \"5\"}").statusCode(422)
                .body("type", equalTo("urn:callpop:problem:missing-template-value"))
                .body("errors.field", contains("contact.id"));
    }

    @Test
    void googleSheetsHasOnlyALogPageAndRefusesCallReceivedSayingSo() {
        Api.event("google-sheets", "call-received", "{\"contact\": {\"id\": \"42\"}}").statusCode(422)
                .body("type", equalTo("urn:callpop:problem:contact-page-unavailable"))
                .body("detail", containsString("only a log page"));
        Api.event("google-sheets", "call-received", "{\"call\": {\"from\": \"+14155550100\"}}").statusCode(422)
                .body("type", equalTo("urn:callpop:problem:contact-page-unavailable"));
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource({
            "insightly, evilinsightly.com", "insightly, insightly.com.evil.com", "insightly, acme.insightly.co",
            "clio, evilapp.clio.com", "clio, clio.com", "clio, app.clio.com.evil.com", "clio, app-clio.com",
            "redtail, redtailtechnology.com.evil.com", "redtail, eviltechnology.com",
            "netsuite, app.netsuite.com.evil.com", "netsuite, evilapp.netsuite.com", "netsuite, netsuite.com",
            "google-sheets, docs.google.com.evil.com", "google-sheets, google.com", "google-sheets, evildocs.google.com",
            "gohighlevel, x.app.gohighlevel.com", "gohighlevel, gohighlevel.com", "gohighlevel, app.gohighlevel.com.evil.com",
            "freshdesk, freshdesk.com.evil.com", "freshdesk, evilfreshdesk.com"})
    void aHostOutsideThePlatformsAllowListIsRefusedBeforeAnyPageIsBuilt(String crm, String host) {
        Api.event(crm, "open-log-page", "{\"hostname\": \"" + host + "\", \"logId\": \"7\", \"contact\": {\"id\": \"42\", \"type\": \"Contact\"}}")
                .statusCode(400)
                .body("type", equalTo("urn:callpop:problem:host-not-allowed"))
                .body("errors.field", contains("hostname"));
    }
}
