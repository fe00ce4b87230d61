package dev.callpop.adapter.bullhorn;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import dev.callpop.spi.Call;
import dev.callpop.spi.CallLog;
import dev.callpop.spi.CallLogChange;
import dev.callpop.spi.CallLogRecord;
import dev.callpop.spi.CallResult;
import dev.callpop.spi.Contact;
import dev.callpop.spi.CrmCallLogs;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmCredentials;
import dev.callpop.spi.CrmInputException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Call logs with the adapter's real REST Client against a fake of Bullhorn's Note API: what a Note is written with
 * (field by field), how callpop finds the session's Note again, what an update sends, and Bullhorn's answers for a
 * person or Note it does not have.
 */
@QuarkusTest
@WithTestResource(BullhornFake.class)
class BullhornCallLogsTest {

    static final String NOTE = "/rest-services/corp1/entity/Note";
    static final String QUERY = "/rest-services/corp1/query/Note";
    static final Instant STARTED_AT = Instant.parse("2026-11-30T09:15:00.250Z");
    static final URI RECORDING = URI.create("https://recordings.example.com/r/1");
    static final CallLog CALL = new CallLog("session-1", new Contact("9876", "Ada Lovelace", null, BullhornCrmAdapter.CANDIDATE),
            Call.Direction.INBOUND, "+14155550100", "+14155550199", STARTED_AT, Duration.ofSeconds(61), CallResult.ANSWERED,
            "Inbound call from +14155550100", "Wants the Boston role.", RECORDING);
    static final String CREATED = "{\"changedEntityType\": \"Note\", \"changedEntityId\": 4321, \"changeType\": \"INSERT\"}";
    private static final String STORED = """
            {"data": {"id": 4321, "comments": "Inbound call\\nWants the Boston role.\\nResult: answered", "action": "Call",
             "minutesSpent": 2, "externalID": "session-1",
             "personReference": {"id": 9876, "_subtype": "Candidate", "firstName": "Ada", "lastName": "Lovelace"}}}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BullhornFake.Server
    WireMockServer bullhorn;

    // Injected by its SPI type, as the service finds it.
    @Inject
    CrmCallLogs logs;

    @BeforeEach
    void bullhornKeepsOneNote() {
        bullhorn.resetAll();
        bullhorn.stubFor(put(urlPathEqualTo(NOTE)).willReturn(okJson(CREATED)));
        bullhorn.stubFor(get(urlPathEqualTo(NOTE + "/4321")).willReturn(okJson(STORED)));
        bullhorn.stubFor(post(urlPathEqualTo(NOTE + "/4321")).willReturn(okJson(CREATED.replace("INSERT", "UPDATE"))));
        bullhorn.stubFor(get(urlPathEqualTo(QUERY)).willReturn(okJson("{\"start\": 0, \"count\": 0, \"data\": []}")));
        bullhorn.stubFor(get(urlPathEqualTo(NOTE + "/404")).willReturn(notFound("Cannot find entity of type 'Note' with id 404")));
        bullhorn.stubFor(post(urlPathEqualTo(NOTE + "/404")).willReturn(notFound("Cannot find entity of type 'Note' with id 404")));
    }

    private CrmContext signedIn() {
        return new CrmContext("cls21.bullhornstaffing.com", false, new CrmCredentials("bh-rest-token-1", BullhornFake.restUrl(bullhorn), null));
    }

    static ResponseDefinitionBuilder notFound(String message) {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessage\": \"" + message + "\", \"errorCode\": 404}");
    }

    private JsonNode written() throws Exception {
        LoggedRequest request = bullhorn.findAll(putRequestedFor(urlPathEqualTo(NOTE))).get(0);
        return JSON.readTree(request.getBodyAsString());
    }

    @Test
    void aCallIsWrittenAsANoteWithTheUsersToken() {
        CallLogRecord written = logs.createLog(CALL, signedIn());
        assertThat(written.logId()).isEqualTo("4321");
        bullhorn.verify(putRequestedFor(urlPathEqualTo(NOTE)).withHeader("BhRestToken", equalTo("bh-rest-token-1")));
    }

    /**
     * A Note create answered after 3.5 s, beyond the look-up client's read time-out (850 ms by default, the fake's
     * {@link BullhornFake#READ_TIMEOUT_MS} here) but within a write's (10 s by default), is written.
     */
    @Test
    void aNoteCreateSlowerThanALookUpMayBeIsStillWritten() {
        int slow = Integer.parseInt(BullhornFake.READ_TIMEOUT_MS) + 1000;
        bullhorn.stubFor(put(urlPathEqualTo(NOTE)).willReturn(okJson(CREATED).withFixedDelay(slow)));
        bullhorn.stubFor(get(urlPathEqualTo(QUERY)).willReturn(okJson("{\"start\": 0, \"count\": 0, \"data\": []}").withFixedDelay(slow)));
        assertThat(logs.findLog("session-1", signedIn())).isEmpty();
        assertThat(logs.createLog(CALL, signedIn()).logId()).isEqualTo("4321");
    }

    @Test
    void theNotesCommentsAreTheSubjectNoteResultAndRecordingAsLines() throws Exception {
        logs.createLog(CALL, signedIn());
        assertThat(written().get("comments").asText()).isEqualTo("""
                Inbound call from +14155550100
                Wants the Boston role.
                Result: answered
                Recording: https://recordings.example.com/r/1""");
    }

    @Test
    void theNoteIsAboutTheContactByNumericId() throws Exception {
        logs.createLog(CALL, signedIn());
        JsonNode person = written().get("personReference");
        assertThat(person.get("id").isNumber()).isTrue();
        assertThat(person.get("id").asLong()).isEqualTo(9876);
    }

    @Test
    void theNoteActionIsCallByDefault() throws Exception {
        logs.createLog(CALL, signedIn());
        assertThat(written().get("action").asText()).isEqualTo("Call");
    }

    @Test
    void minutesSpentAreTheDurationRoundedUp() throws Exception {
        logs.createLog(CALL, signedIn());
        assertThat(written().get("minutesSpent").asLong()).as("61 s").isEqualTo(2);
    }

    @Test
    void anUnknownDurationSendsNoMinutes() throws Exception {
        logs.createLog(new CallLog("session-1", CALL.contact(), Call.Direction.OUTBOUND, null, null, STARTED_AT, null, null, "Outbound call",
                null, null), signedIn());
        assertThat(written().has("minutesSpent")).isFalse();
        assertThat(written().get("comments").asText()).isEqualTo("Outbound call");
    }

    @Test
    void dateAddedIsWhenTheCallStartedInEpochMillis() throws Exception {
        logs.createLog(CALL, signedIn());
        assertThat(written().get("dateAdded").asLong()).isEqualTo(STARTED_AT.toEpochMilli());
    }

    @Test
    void theExternalIdIsTheSessionId() throws Exception {
        logs.createLog(CALL, signedIn());
        assertThat(written().get("externalID").asText()).isEqualTo("session-1");
    }

    @Test
    void aContactIdThatIsNoNumberIsNotFoundAndNothingIsWritten() {
        CallLog byName = new CallLog("session-1", Contact.withId("ada-lovelace"), Call.Direction.INBOUND, null, null, STARTED_AT, null, null,
                "Inbound call", null, null);
        CrmInputException refused = catchThrowableOfType(CrmInputException.class, () -> logs.createLog(byName, signedIn()));
        assertThat(refused.kind()).isEqualTo("contact-not-found");
        assertThat(refused.field()).isEqualTo("contact.id");
        bullhorn.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aPersonBullhornDoesNotHaveIsContactNotFound() {
        bullhorn.stubFor(put(urlPathEqualTo(NOTE)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"errorMessage": "error persisting an entity of type: Note", "errorCode": 400, "entityName": "Note",
                         "errors": [{"propertyName": "personReference", "severity": "ERROR", "type": "INVALID_ASSOCIATION"}]}""")));
        CrmInputException refused = catchThrowableOfType(CrmInputException.class, () -> logs.createLog(CALL, signedIn()));
        assertThat(refused.kind()).isEqualTo("contact-not-found");
        assertThat(refused.field()).isEqualTo("contact.id");
    }

    @Test
    void aMissingToOneAssociationToThePersonIsContactNotFound() {
        bullhorn.stubFor(put(urlPathEqualTo(NOTE)).willReturn(notFound("Cannot find To-One Association: 'personReference' with value: 9876")));
        assertThat(catchThrowableOfType(CrmInputException.class, () -> logs.createLog(CALL, signedIn())).kind()).isEqualTo("contact-not-found");
    }

    @Test
    void aRefusalThatNamesNoPersonStaysBullhornsError() {
        bullhorn.stubFor(put(urlPathEqualTo(NOTE)).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"errorMessage\": \"Invalid value for action\", \"errorCode\": 400}")));
        WebApplicationException refused = catchThrowableOfType(WebApplicationException.class, () -> logs.createLog(CALL, signedIn()));
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void theSessionsNoteIsLookedUpByItsExternalIdQuotedForTheWhereClause() {
        logs.findLog("abc'; DROP", signedIn());
        bullhorn.verify(getRequestedFor(urlPathEqualTo(QUERY))
                .withHeader("BhRestToken", equalTo("bh-rest-token-1"))
                .withQueryParam("where", equalTo("externalID='abc''; DROP'"))
                .withQueryParam("fields", equalTo("id,comments,action,minutesSpent,personReference")));
        String url = bullhorn.findAll(getRequestedFor(urlPathEqualTo(QUERY))).get(0).getUrl();
        assertThat(url).as("the where clause is one encoded query parameter").contains("?where=externalID%3D%27abc%27%27%3B+DROP%27&");
    }

    @Test
    void aSessionWithoutANoteHasNoLog() {
        assertThat(logs.findLog("session-1", signedIn())).isEmpty();
    }

    @Test
    void theSessionsNoteIsAnsweredAsItsLog() {
        bullhorn.stubFor(get(urlPathEqualTo(QUERY)).willReturn(okJson("{\"start\": 0, \"count\": 1, \"data\": ["
                + STORED.substring(STORED.indexOf("{\"id\""), STORED.lastIndexOf('}')) + "]}")));
        CallLogRecord found = logs.findLog("session-1", signedIn()).orElseThrow();
        assertThat(found.logId()).isEqualTo("4321");
        assertThat(found.subject()).isEqualTo("Inbound call");
        assertThat(found.contact().id()).isEqualTo("9876");
    }

    @Test
    void aRestUrlOffBullhornIsRefusedAndNeverCalled() {
        CrmContext elsewhere = new CrmContext("cls21.bullhornstaffing.com", false,
                new CrmCredentials("bh-rest-token-1", "http://localhost:" + bullhorn.port() + "/elsewhere/corp1/", null));
        assertThat(catchThrowableOfType(CrmInputException.class, () -> logs.findLog("session-1", elsewhere)).kind())
                .isEqualTo("crm-api-url-not-allowed");
        assertThat(catchThrowableOfType(CrmInputException.class, () -> logs.createLog(CALL, elsewhere)).kind())
                .isEqualTo("crm-api-url-not-allowed");
        assertThat(catchThrowableOfType(CrmInputException.class, () -> logs.readLog("4321", elsewhere)).kind())
                .isEqualTo("crm-api-url-not-allowed");
        bullhorn.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aLogIsReadBackFromItsNote() {
        CallLogRecord read = logs.readLog("4321", signedIn());
        bullhorn.verify(getRequestedFor(urlPathEqualTo(NOTE + "/4321")).withHeader("BhRestToken", equalTo("bh-rest-token-1"))
                .withQueryParam("fields", equalTo("id,comments,action,minutesSpent,personReference,externalID")));
        assertThat(read).isEqualTo(new CallLogRecord("4321", new Contact("9876", "Ada Lovelace", null, BullhornCrmAdapter.CANDIDATE),
                "Inbound call", "Wants the Boston role.", CallResult.ANSWERED, Duration.ofMinutes(2)));
    }

    @Test
    void readingANoteBullhornDoesNotHaveIsLogNotFound() {
        CrmInputException refused = catchThrowableOfType(CrmInputException.class, () -> logs.readLog("404", signedIn()));
        assertThat(refused.kind()).isEqualTo("log-not-found");
        assertThat(refused.field()).isEqualTo("logId");
    }

    @Test
    void anUpdatePostsOnlyTheChangedFields() throws Exception {
        logs.updateLog("4321", new CallLogChange(Duration.ofSeconds(125), null, null, null, null), signedIn());
        LoggedRequest update = bullhorn.findAll(postRequestedFor(urlPathEqualTo(NOTE + "/4321"))).get(0);
        assertThat(update.getHeader("BhRestToken")).isEqualTo("bh-rest-token-1");
        JsonNode body = JSON.readTree(update.getBodyAsString());
        assertThat(body.fieldNames()).toIterable().containsExactly("minutesSpent");
        assertThat(body.get("minutesSpent").asLong()).isEqualTo(3);
    }

    @Test
    void aNewResultRewritesTheCommentsKeepingTheRest() throws Exception {
        CallLogRecord updated = logs.updateLog("4321", new CallLogChange(null, CallResult.VOICEMAIL, null, null, RECORDING), signedIn());
        JsonNode body = JSON.readTree(bullhorn.findAll(postRequestedFor(urlPathEqualTo(NOTE + "/4321"))).get(0).getBodyAsString());
        assertThat(body.fieldNames()).toIterable().containsExactly("comments");
        assertThat(body.get("comments").asText()).isEqualTo("""
                Inbound call
                Wants the Boston role.
                Result: voicemail
                Recording: https://recordings.example.com/r/1""");
        assertThat(updated.result()).isEqualTo(CallResult.VOICEMAIL);
        assertThat(updated.duration()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void updatingANoteBullhornDoesNotHaveIsLogNotFoundAndNothingIsPosted() {
        CrmInputException refused = catchThrowableOfType(CrmInputException.class,
                () -> logs.updateLog("404", new CallLogChange(Duration.ofSeconds(30), null, null, null, null), signedIn()));
        assertThat(refused.kind()).isEqualTo("log-not-found");
        bullhorn.verify(0, postRequestedFor(urlPathEqualTo(NOTE + "/404")));
    }

    @Test
    void aNoteRemovedBetweenTheReadAndTheWriteIsLogNotFound() {
        bullhorn.stubFor(get(urlPathEqualTo(NOTE + "/404")).willReturn(okJson(STORED)));
        CrmInputException refused = catchThrowableOfType(CrmInputException.class,
                () -> logs.updateLog("404", new CallLogChange(Duration.ofSeconds(30), null, null, null, null), signedIn()));
        assertThat(refused.kind()).isEqualTo("log-not-found");
    }

    @Test
    void aLogIdThatIsNoNumberIsLogNotFoundAndBullhornIsNotCalled() {
        assertThat(catchThrowableOfType(CrmInputException.class, () -> logs.readLog("note-1", signedIn())).kind()).isEqualTo("log-not-found");
        bullhorn.verify(0, anyRequestedFor(anyUrl()));
    }
}
