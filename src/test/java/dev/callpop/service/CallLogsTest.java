package dev.callpop.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.callpop.service.testing.SignInProfiles;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Writing call logs into the sample CRM (whose stand-in log store lives in the process): once per session id,
 * updated and read back, to the contact the client named or the one with the number, and every bad input refused
 * before anything is written.
 */
@QuarkusTest
@TestProfile(SignInProfiles.Unsealed.class)
class CallLogsTest {

    private static String session() {
        return "s-" + UUID.randomUUID();
    }

    private static ValidatableResponse create(String crm, String json) {
        return given().auth().oauth2(Tokens.client()).contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/crms/{crm}/call-logs", crm).then();
    }

    private static ValidatableResponse create(String json) {
        return create("sample", json);
    }

    private static String call(String session, String contactId) {
        return "{\"sessionId\": \"" + session + "\", \"contact\": {\"id\": \"" + contactId + "\"}, \"direction\": \"inbound\", "
                + "\"from\": \"+14155550100\", \"startedAt\": \"2026-12-03T14:05:00Z\", \"durationSeconds\": 185, \"result\": \"answered\", "
                + "\"note\": \"Wants a call back on Friday.\"}";
    }

    @Test
    void aCallIsWrittenOnceAndAnswers201WithItsLogAndThePageThatOpensIt() {
        String session = session();
        String logId = create(call(session, "1001")).statusCode(201)
                .body("crm", equalTo("sample"))
                .body("outcome", equalTo("created"))
                .body("sessionId", equalTo(session))
                .body("contact.id", equalTo("1001"))
                .body("subject", equalTo("Inbound call from +14155550100"))
                .body("note", equalTo("Wants a call back on Friday."))
                .body("result", equalTo("answered"))
                .body("durationSeconds", equalTo(185))
                .extract().path("logId");
        create(call(session, "1001")).statusCode(200)
                .body("outcome", equalTo("existing"))
                .body("logId", equalTo(logId))
                .body("actions.url", contains("https://crm.example.com/activities/" + logId));
    }

    @Test
    void theSameSessionPostedManyTimesAtOnceMakesOneLog() {
        String session = session();
        List<CompletableFuture<Response>> posts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            posts.add(CompletableFuture.supplyAsync(() -> given().auth().oauth2(Tokens.client()).contentType(ContentType.JSON)
                    .body(call(session, "1002")).when().post("/api/v1/crms/sample/call-logs")));
        }
        Set<String> logIds = new HashSet<>();
        int created = 0;
        for (CompletableFuture<Response> post : posts) {
            Response answer = post.join();
            assertThat(answer.statusCode()).isIn(200, 201, 202);
            if (answer.statusCode() == 201) {
                created++;
            }
            if (answer.statusCode() != 202) {
                logIds.add(answer.path("logId"));
            }
        }
        assertThat(created).as("exactly one request wrote the log").isEqualTo(1);
        assertThat(logIds).hasSize(1);
    }

    @Test
    void aLogIsUpdatedAfterHangUpAndReadBack() {
        String logId = create(call(session(), "1001")).statusCode(201).extract().path("logId");
        given().auth().oauth2(Tokens.client()).contentType(ContentType.JSON)
                .body("{\"durationSeconds\": 240, \"result\": \"voicemail\", \"note\": \"Left a message.\"}")
                .when().patch("/api/v1/crms/sample/call-logs/{id}", logId).then().statusCode(200)
                .body("outcome", equalTo("existing"))
                .body("durationSeconds", equalTo(240));
        given().auth().oauth2(Tokens.client()).when().get("/api/v1/crms/sample/call-logs/{id}", logId).then().statusCode(200)
                .body("note", equalTo("Left a message."))
                .body("result", equalTo("voicemail"))
                .body("subject", equalTo("Inbound call from +14155550100"))
                .body("contact.id", equalTo("1001"));
    }

    @Test
    void aNoteIsKeptAsTheTextTheAgentTyped() {
        String note = "<script>alert(1)</script> & \\\"quoted\\\" 'x'\\nsecond line";
        String logId = create("{\"sessionId\": \"" + session() + "\", \"contact\": {\"id\": \"42\"}, \"note\": \"" + note + "\"}").statusCode(201)
                .extract().path("logId");
        given().auth().oauth2(Tokens.client()).when().get("/api/v1/crms/sample/call-logs/{id}", logId).then().statusCode(200)
                .body("note", equalTo("<script>alert(1)</script> & \"quoted\" 'x'\nsecond line"));
    }

    @Test
    void aNumberOneContactHasLogsToThatContact() {
        create("{\"sessionId\": \"" + session() + "\", \"phone\": \"(415) 555-0100\"}").statusCode(201).body("contact.id", equalTo("1001"));
    }

    @Test
    void aNumberSeveralContactsHaveAsksWhichByDefault() {
        create("{\"sessionId\": \"" + session() + "\", \"phone\": \"+14155550123\"}").statusCode(409)
                .body("type", equalTo("urn:callpop:problem:contact-choice-required"))
                .body("contacts.id", contains("1002", "1003"))
                .body("detail", containsString("send contact.id"));
    }

    @Test
    void aNumberSeveralContactsHaveLogsToTheFirstWhenTheUserSaysSo() {
        create("{\"sessionId\": \"" + session() + "\", \"phone\": \"+14155550123\", \"logMatch\": \"first\"}").statusCode(201)
                .body("contact.id", equalTo("1002"));
    }

    @Test
    void aNumberSeveralContactsHaveLogsToTheMostRecentlyUpdatedOrTheOldestWhenTheUserSaysSo() {
        create("{\"sessionId\": \"" + session() + "\", \"phone\": \"+14155550123\", \"logMatch\": \"most-recently-updated\"}").statusCode(201)
                .body("contact.id", equalTo("1003"));
        create("{\"sessionId\": \"" + session() + "\", \"phone\": \"+14155550123\", \"logMatch\": \"oldest\"}").statusCode(201)
                .body("contact.id", equalTo("1002"));
    }

    @Test
    void aNumberNobodyHasWritesNothingAndSaysSo() {
        create("{\"sessionId\": \"" + session() + "\", \"phone\": \"+14155550199\"}").statusCode(422)
                .body("type", equalTo("urn:callpop:problem:no-contact-for-number"));
    }

    @Test
    void aContactTheCrmDoesNotHaveIsRefused() {
        create(call(session(), "777")).statusCode(422).body("type", equalTo("urn:callpop:problem:contact-not-found"));
    }

    @Test
    void aLogTheCrmDoesNotHaveIsNotFound() {
        given().auth().oauth2(Tokens.client()).when().get("/api/v1/crms/sample/call-logs/{id}", "999999").then().statusCode(422)
                .body("type", equalTo("urn:callpop:problem:log-not-found"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "note | {\"sessionId\": \"SESSION\", \"contact\": {\"id\": \"1001\"}, \"note\": \"bell \\u0007 here\"}",
            "recordingUrl | {\"sessionId\": \"SESSION\", \"contact\": {\"id\": \"1001\"}, \"recordingUrl\": \"http://rec.example.com/1.mp3\"}",
            "recordingUrl | {\"sessionId\": \"SESSION\", \"contact\": {\"id\": \"1001\"}, \"recordingUrl\": \"https://\"}",
            "startedAt | {\"sessionId\": \"SESSION\", \"contact\": {\"id\": \"1001\"}, \"startedAt\": \"2099-01-01T00:00:00Z\"}",
            "startedAt | {\"sessionId\": \"SESSION\", \"contact\": {\"id\": \"1001\"}, \"startedAt\": \"yesterday\"}",
            "result | {\"sessionId\": \"SESSION\", \"contact\": {\"id\": \"1001\"}, \"result\": \"exploded\"}",
            "durationSeconds | {\"sessionId\": \"SESSION\", \"contact\": {\"id\": \"1001\"}, \"durationSeconds\": -5}",
            "sessionId | {\"contact\": {\"id\": \"1001\"}}",
            "sessionId | {\"sessionId\": \"../etc\", \"contact\": {\"id\": \"1001\"}}",
            "logMatch | {\"sessionId\": \"SESSION\", \"phone\": \"+14155550123\", \"logMatch\": \"newest-first\"}",
            "contact.id | {\"sessionId\": \"SESSION\", \"contact\": {\"id\": \"../1\"}}"})
    void aBadFieldIsRefusedNamedAndNothingIsWritten(String field, String json) {
        String session = session();
        create(json.replace("SESSION", session)).statusCode(400)
                .body("errors.field", hasItem(field));
        // Nothing was written for the session: a good request with it writes the log now.
        create(call(session, "1001")).statusCode(201);
    }

    @Test
    void aNoteOverItsSizeIsRefused() {
        create("{\"sessionId\": \"" + session() + "\", \"contact\": {\"id\": \"1001\"}, \"note\": \"" + "x".repeat(10_001) + "\"}").statusCode(400)
                .body("errors.field", hasItem("note"));
    }

    @Test
    void aRecordingUrlOverItsSizeIsRefused() {
        create("{\"sessionId\": \"" + session() + "\", \"contact\": {\"id\": \"1001\"}, \"recordingUrl\": \"https://rec.example.com/"
                + "a".repeat(2100) + "\"}").statusCode(400).body("errors.field", hasItem("recordingUrl"));
    }

    @Test
    void aLogIdThatIsNotAnIdIsRefused() {
        given().auth().oauth2(Tokens.client()).contentType(ContentType.JSON).body("{\"note\": \"x\"}")
                .when().patch("/api/v1/crms/sample/call-logs/{id}", "a%20b").then().statusCode(400);
    }

    @Test
    void aCrmWithoutACallLogApiSaysSoAndTheListingShowsWhichLog() {
        create(SignInProfiles.Unsealed.WITHOUT_SIGN_IN, "{\"sessionId\": \"" + session() + "\", \"hostname\": \"a.plaincrm.example.com\", "
                + "\"contact\": {\"id\": \"1\"}}").statusCode(404)
                .body("type", equalTo("urn:callpop:problem:call-logs-unsupported"));
        given().auth().oauth2(Tokens.client()).when().get("/api/v1/crms").then().statusCode(200)
                .body("crms.find { it.id == 'sample' }.writesCallLogs", equalTo(true))
                .body("crms.find { it.id == '" + SignInProfiles.Unsealed.WITHOUT_SIGN_IN + "' }.writesCallLogs", equalTo(false))
                .body("crms.find { it.id == 'sample' }.preferences.logMatch.default", notNullValue());
    }

    @Test
    void aCallLogForAHostOutsideTheOrganisationIsForbiddenAndNothingIsWritten() {
        String session = session();
        given().auth().oauth2(Tokens.sign(Tokens.claims("callpop").claim("crm_hosts", List.of("acme.pipedrive.com"))))
                .contentType(ContentType.JSON).body(call(session, "1001"))
                .when().post("/api/v1/crms/sample/call-logs").then().statusCode(403)
                .body("type", equalTo("urn:callpop:problem:tenant-host-forbidden"));
        create(call(session, "1001")).statusCode(201);
    }

    @Test
    void callLogsNeedTheClientRole() {
        given().contentType(ContentType.JSON).body(call(session(), "1001")).when().post("/api/v1/crms/sample/call-logs").then().statusCode(401);
    }
}
