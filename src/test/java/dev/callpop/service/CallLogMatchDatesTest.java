package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.callpop.adapter.bullhorn.BullhornFake;
import dev.callpop.adapter.pipedrive.PipedriveFake;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Several contacts have the number, and the log-match policy chooses by the records' dates: in Pipedrive (whose search
 * gives no dates: callpop asks for the matched persons' {@code add_time} and {@code update_time} in one request, only
 * when the policy needs them) and in Bullhorn (whose search answers {@code dateAdded} and {@code dateLastModified}).
 * The log is written to the chosen contact, and the answer names it.
 */
@QuarkusTest
class CallLogMatchDatesTest {

    /** A number of its own for each create, so that no look-up answer is reused from the cache. */
    private static final AtomicInteger NUMBERS = new AtomicInteger(2000);
    private static final String ACTIVITIES = "/company/[^/]+/api/v2/activities";
    private static final String NOTE = "/rest-services/corp1/entity/Note";

    @PipedriveFake.Server
    WireMockServer pipedrive;

    @BullhornFake.Server
    WireMockServer bullhorn;

    /**
     * Pipedrive's search finds Grace (43) first, then Ada (42), then Edith (44): Ada's record is the oldest, Edith's the
     * most recently updated. Bullhorn's finds the same three as candidates, with the same dates.
     */
    @BeforeEach
    void threePeopleShareTheNumber() {
        pipedrive.resetAll();
        PipedriveFake.findsForAnyNumber(pipedrive, "43", "Grace Hopper", "42", "Ada Lovelace", "44", "Edith Clarke");
        PipedriveFake.datesPersons(pipedrive, "43", "2022-03-01T00:00:00Z", "2022-03-02T00:00:00Z",
                "42", "2019-01-01T00:00:00Z", "2021-06-01T00:00:00Z",
                "44", "2020-01-01T00:00:00Z", "2026-11-30T09:00:00Z");
        pipedrive.stubFor(get(urlPathMatching("/company/[^/]+/v1/activityTypes")).willReturn(okJson("{\"success\": true, \"data\": "
                + "[{\"id\": 2, \"name\": \"Call\", \"key_string\": \"call\", \"active_flag\": true}]}")));
        pipedrive.stubFor(get(urlPathMatching("/company/[^/]+/api/v2/persons/4[234]"))
                .willReturn(okJson("{\"success\": true, \"data\": {\"id\": 42, \"name\": \"Someone\", \"org_id\": null}}")));
        pipedrive.stubFor(post(urlPathMatching(ACTIVITIES)).willReturn(okJson("{\"success\": true, \"data\": {\"id\": 901}}")));

        bullhorn.resetAll();
        BullhornFake.findsNothing(bullhorn);
        BullhornFake.finds(bullhorn, "Candidate", """
                {"total": 3, "start": 0, "count": 3, "data": [
                 {"id": 43, "firstName": "Grace", "lastName": "Hopper", "dateAdded": 1646092800000, "dateLastModified": 1646179200000},
                 {"id": 42, "firstName": "Ada", "lastName": "Lovelace", "dateAdded": 1546300800000, "dateLastModified": 1622505600000},
                 {"id": 44, "firstName": "Edith", "lastName": "Clarke", "dateAdded": 1577836800000, "dateLastModified": 1764493200000}]}""");
        bullhorn.stubFor(get(urlPathEqualTo("/rest-services/corp1/query/Note")).willReturn(okJson("{\"start\": 0, \"count\": 0, \"data\": []}")));
        bullhorn.stubFor(put(urlPathEqualTo(NOTE)).willReturn(okJson("{\"changedEntityType\": \"Note\", \"changedEntityId\": 4321}")));
    }

    private static String body(String hostname, String logMatch) {
        return "{\"sessionId\": \"s-" + UUID.randomUUID() + "\", \"hostname\": \"" + hostname + "\", \"phone\": \"+1415555" + NUMBERS.incrementAndGet()
                + "\", \"logMatch\": \"" + logMatch + "\"}";
    }

    private static ValidatableResponse pipedriveLog(String logMatch) {
        return given().auth().oauth2(Tokens.client()).header("X-CRM-Token", "pd-token-1").contentType(ContentType.JSON)
                .body(body("acme.pipedrive.com", logMatch)).when().post("/api/v1/crms/pipedrive/call-logs").then();
    }

    private ValidatableResponse bullhornLog(String logMatch) {
        return given().auth().oauth2(Tokens.client()).header("X-CRM-Token", "bh-rest-token-1")
                .header("X-CRM-Api-Url", BullhornFake.restUrl(bullhorn)).contentType(ContentType.JSON)
                .body(body("cls21.bullhornstaffing.com", logMatch)).when().post("/api/v1/crms/bullhorn/call-logs").then();
    }

    private void pipedriveActivityIsWithPerson(int personId) {
        pipedrive.verify(1, postRequestedFor(urlPathMatching(ACTIVITIES))
                .withRequestBody(matchingJsonPath("$.participants[0].person_id", WireMock.equalTo(Integer.toString(personId)))));
    }

    @Test
    void pipedriveOldestLogsToThePersonCreatedFirst() {
        pipedriveLog("oldest").statusCode(201).body("contact.id", equalTo("42"));
        pipedriveActivityIsWithPerson(42);
    }

    @Test
    void pipedriveMostRecentlyUpdatedLogsToThePersonChangedLast() {
        pipedriveLog("most-recently-updated").statusCode(201).body("contact.id", equalTo("44"));
        pipedriveActivityIsWithPerson(44);
    }

    @Test
    void pipedriveIsAskedForTheDatesOnceForAllTheMatches() {
        pipedriveLog("oldest").statusCode(201);
        pipedrive.verify(1, getRequestedFor(urlPathMatching(PipedriveFake.ANY_PERSONS_LIST))
                .withQueryParam("ids", WireMock.equalTo("43,42,44")));
    }

    @Test
    void pipedriveIsNotAskedForDatesWhenThePolicyChoosesWithoutThem() {
        pipedriveLog("first").statusCode(201).body("contact.id", equalTo("43"));
        pipedrive.verify(0, getRequestedFor(urlPathMatching(PipedriveFake.ANY_PERSONS_LIST)));
        pipedriveActivityIsWithPerson(43);
    }

    @Test
    void bullhornOldestLogsToTheRecordAddedFirst() {
        bullhornLog("oldest").statusCode(201).body("contact.id", equalTo("42"));
        bullhorn.verify(1, putRequestedFor(urlPathEqualTo(NOTE))
                .withRequestBody(matchingJsonPath("$.personReference.id", WireMock.equalTo("42"))));
    }

    @Test
    void bullhornMostRecentlyUpdatedLogsToTheRecordModifiedLastWithNoRequestButTheSearches() {
        bullhornLog("most-recently-updated").statusCode(201).body("contact.id", equalTo("44"));
        bullhorn.verify(1, putRequestedFor(urlPathEqualTo(NOTE))
                .withRequestBody(matchingJsonPath("$.personReference.id", WireMock.equalTo("44"))));
        // three searches, the session's Note looked for, the Note written: nothing asked for dates
        bullhorn.verify(5, anyRequestedFor(urlPathMatching("/rest-services/corp1/.*")));
    }
}
