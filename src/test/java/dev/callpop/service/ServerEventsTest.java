package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.callpop.adapter.pipedrive.PipedriveFake;
import dev.callpop.service.testing.EventStream;
import dev.callpop.service.testing.TelephonyProfiles;
import dev.callpop.service.testing.TestClocks;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * Telephony platforms' events, end to end on one replica: who may post them, how they are read, that a retry changes
 * nothing, and what the agent's open streams get (a pop, a call logged in the sample CRM once), also when the agent
 * connects later, and what is dropped when nobody connects in time.
 */
@QuarkusTest
@TestProfile(TelephonyProfiles.class)
class ServerEventsTest {

    @PipedriveFake.Server
    WireMockServer pipedrive;

    private static final String PLAIN = TelephonyProfiles.PLAIN;
    private static final String KNOWN_CALLER = "+14155550100";

    static String agent() {
        return "agent-" + UUID.randomUUID() + "@example.com";
    }

    private static String token(String agent) {
        return Tokens.sign(Tokens.claims("callpop").claim(TelephonyProfiles.AGENT_CLAIM, agent));
    }

    static EventStream stream(String agent, String query) {
        URI url = URI.create("http://localhost:" + RestAssured.port + "/api/v1/crms/sample/agent-events" + query);
        return new EventStream(url, Map.of("Authorization", "Bearer " + token(agent)));
    }

    /** A stream whose first event, ready, has come: it hears everything from now on. */
    static EventStream connected(String agent, String query) {
        EventStream stream = stream(agent, query);
        assertThat(stream.next().name()).isEqualTo("ready");
        return stream;
    }

    static EventStream connected(String agent) {
        return connected(agent, "");
    }

    static ValidatableResponse post(String source, String key, String json) {
        return given().header("x-api-key", key).contentType(ContentType.JSON).body(json)
                .when().post("/api/v1/telephony/{source}/events", source).then();
    }

    static ValidatableResponse post(String json) {
        return post(PLAIN, TelephonyProfiles.KEY, json);
    }

    static String ringing(String agent, String eventId, String phone) {
        return "{\"eventId\": \"" + eventId + "\", \"kind\": \"ringing\", \"agent\": \"" + agent + "\", \"phone\": \"" + phone
                + "\", \"direction\": \"inbound\", \"sessionId\": \"call-" + eventId + "\"}";
    }

    static String ringing(String agent) {
        return ringing(agent, UUID.randomUUID().toString(), KNOWN_CALLER);
    }

    static String ended(String agent, String session) {
        return "{\"eventId\": \"end-" + session + "\", \"kind\": \"ended\", \"agent\": \"" + agent + "\", \"phone\": \"" + KNOWN_CALLER
                + "\", \"direction\": \"inbound\", \"sessionId\": \"" + session + "\", \"startedAt\": \"2026-12-03T14:05:00Z\", "
                + "\"endedAt\": \"2026-12-03T14:08:05Z\", \"notes\": \"Wants a call back on Friday.\", \"result\": \"answered\"}";
    }

    /** Posts a ringing event and returns its session id: the next pop the agent's streams should get. */
    static String marker(String agent) {
        String id = UUID.randomUUID().toString();
        post(ringing(agent, id, KNOWN_CALLER)).statusCode(202);
        return "call-" + id;
    }

    static void assertPopOf(EventStream.Event event, String sessionId) {
        assertThat(event.name()).isEqualTo("pop");
        assertThat(JsonPath.from(event.data()).getString("sessionId")).isEqualTo(sessionId);
    }

    /** Nothing was kept for the agent: a stream that opens now gets the next event, and only it. */
    private static void assertNothingKeptFor(String agent) {
        try (EventStream stream = connected(agent)) {
            String marker = marker(agent);
            assertPopOf(stream.next(), marker);
        }
    }

    @Test
    void aRingingEventPopsTheCallersPageInTheAgentsOpenStream() {
        String agent = agent();
        try (EventStream stream = connected(agent)) {
            String id = UUID.randomUUID().toString();
            post(ringing(agent, id, KNOWN_CALLER)).statusCode(202)
                    .body("source", equalTo(PLAIN))
                    .body("eventId", equalTo("event:" + id))
                    .body("kind", equalTo("ringing"))
                    .body("status", equalTo("kept"));
            EventStream.Event pop = stream.next();
            assertThat(pop.name()).isEqualTo("pop");
            JsonPath data = JsonPath.from(pop.data());
            assertThat(data.getString("crm")).isEqualTo("sample");
            assertThat(data.getString("event")).isEqualTo("call-received");
            assertThat(data.getString("actions[0].type")).isEqualTo("open-url");
            assertThat(data.getString("actions[0].url")).isEqualTo("https://crm.example.com?contactId=1001");
            assertThat(data.getString("sessionId")).isEqualTo("call-" + id);
        }
    }

    @Test
    void theAgentIdIsComparedWithTheTokensClaimWhateverItsCase() {
        String agent = agent();
        try (EventStream stream = connected(agent)) {
            String id = UUID.randomUUID().toString();
            post(ringing(agent.toUpperCase(java.util.Locale.ROOT), id, KNOWN_CALLER)).statusCode(202);
            assertPopOf(stream.next(), "call-" + id);
        }
    }

    @Test
    void twoStreamsOfOneAgentEachGetEachPopOnce() {
        String agent = agent();
        try (EventStream first = connected(agent); EventStream second = connected(agent)) {
            String one = marker(agent);
            String two = marker(agent);
            for (EventStream stream : new EventStream[] {first, second}) {
                assertPopOf(stream.next(), one);
                assertPopOf(stream.next(), two);
            }
        }
    }

    @Test
    void aStreamGetsOnlyItsOwnAgentsPops() {
        String agent = agent();
        String other = agent();
        try (EventStream stream = connected(agent)) {
            marker(other);
            String mine = marker(agent);
            assertPopOf(stream.next(), mine);
        }
    }

    @Test
    void aRetriedDeliveryGetsTheSameAnswerAndPopsOnce() {
        String agent = agent();
        try (EventStream stream = connected(agent)) {
            String id = UUID.randomUUID().toString();
            String first = post(ringing(agent, id, KNOWN_CALLER)).statusCode(202).extract().asString();
            String again = post(ringing(agent, id, KNOWN_CALLER)).statusCode(202).extract().asString();
            assertThat(again).isEqualTo(first);
            String next = marker(agent);
            assertPopOf(stream.next(), "call-" + id);
            assertPopOf(stream.next(), next);
        }
    }

    @Test
    void anEventWithoutAnIdIsRecognisedByItsBody() {
        String agent = agent();
        try (EventStream stream = connected(agent)) {
            String body = "{\"kind\": \"ringing\", \"agent\": \"" + agent + "\", \"phone\": \"" + KNOWN_CALLER + "\", \"sessionId\": \"s-body\"}";
            String eventId = post(body).statusCode(202).body("eventId", org.hamcrest.Matchers.startsWith("sha256:")).extract().path("eventId");
            post(body).statusCode(202).body("eventId", equalTo(eventId));
            String next = marker(agent);
            assertPopOf(stream.next(), "s-body");
            assertPopOf(stream.next(), next);
        }
    }

    @Test
    void aRingingEventForAnAbsentAgentPopsAStreamThatOpensWithinItsHold() {
        String agent = agent();
        String session = marker(agent);
        try (EventStream stream = connected(agent)) {
            assertPopOf(stream.next(), session);
        }
    }

    @Test
    void aRingingEventForAnAbsentAgentIsDroppedWhenItsHoldEndsAndCounted() {
        String agent = agent();
        double before = dropped("pop");
        marker(agent);
        TestClocks.CLOCK.advance(Duration.parse("PT" + TelephonyProfiles.RINGING_HOLD).plusSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> dropped("pop") > before);
        assertNothingKeptFor(agent);
    }

    @Test
    void anEndedCallWithTheAgentsStreamOpenIsLoggedOnceAndItsLogPushed() {
        String agent = agent();
        String session = "s-" + UUID.randomUUID();
        try (EventStream stream = connected(agent)) {
            post(ended(agent, session)).statusCode(202).body("kind", equalTo("ended")).body("sessionId", equalTo(session));
            String logId = assertLogged(stream.next(), session, "Wants a call back on Friday.", 185);
            assertOneLog(session, logId);
        }
    }

    @Test
    void anEndedCallWhileTheAgentIsAwayIsLoggedOnceWhenTheAgentConnects() {
        String agent = agent();
        String session = "s-" + UUID.randomUUID();
        post(ended(agent, session)).statusCode(202);
        post(ended(agent, session)).statusCode(202);
        try (EventStream first = connected(agent)) {
            String logId = assertLogged(first.next(), session, "Wants a call back on Friday.", 185);
            try (EventStream second = connected(agent)) {
                String next = marker(agent);
                assertPopOf(second.next(), next);
            }
            assertOneLog(session, logId);
        }
    }

    /**
     * An ended call of the desk's agent, logged while no stream of the agent is open: Pipedrive takes 1.5 s to write the
     * activity, and the agent closes its only stream meanwhile.
     *
     * @return the call's session id, once its log is written
     */
    private String loggedWhileAway(String agent) {
        String company = "/company/" + TelephonyProfiles.DESK_HOST;
        pipedrive.stubFor(get(urlPathEqualTo(PipedriveFake.personsSearch(TelephonyProfiles.DESK_HOST)))
                .willReturn(okJson(PipedriveFake.persons("42", "Ada Lovelace"))));
        pipedrive.stubFor(get(urlPathEqualTo(company + "/v1/activityTypes")).willReturn(okJson("{\"success\": true, \"data\": "
                + "[{\"id\": 2, \"name\": \"Call\", \"key_string\": \"call\", \"active_flag\": true}]}")));
        pipedrive.stubFor(get(urlPathEqualTo(company + "/api/v2/persons/42"))
                .willReturn(okJson("{\"success\": true, \"data\": {\"id\": 42, \"name\": \"Ada Lovelace\", \"org_id\": null}}")));
        pipedrive.stubFor(WireMock.post(urlPathEqualTo(company + "/api/v2/activities"))
                .willReturn(okJson("{\"success\": true, \"data\": {\"id\": 7301}}").withFixedDelay(1500)));
        String session = "s-" + UUID.randomUUID();
        double before = openStreams();
        int writes = activitiesWritten();
        EventStream first = deskStream(agent);
        assertThat(first.next().name()).isEqualTo("ready");
        post(TelephonyProfiles.DESK, TelephonyProfiles.KEY, ended(agent, session)).statusCode(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> activitiesWritten() > writes);
        first.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> openStreams() == before);
        // Written, with no stream of the agent open anywhere to hear it.
        await().atMost(Duration.ofSeconds(10)).until(() -> given().auth().oauth2(Tokens.client()).header("X-CRM-Token", "pd-token-1")
                .contentType(ContentType.JSON).body("{\"sessionId\": \"" + session + "\", \"hostname\": \"" + TelephonyProfiles.DESK_HOST
                        + "\", \"contact\": {\"id\": \"42\"}}").when().post("/api/v1/crms/pipedrive/call-logs").statusCode() == 200);
        return session;
    }

    /** A stream of the desk's agent opened now hears the agent's next event first: an ended call, logged and pushed. */
    private void assertNextIsAnEndedCall(EventStream stream, String agent) {
        String marker = "s-" + UUID.randomUUID();
        post(TelephonyProfiles.DESK, TelephonyProfiles.KEY, ended(agent, marker)).statusCode(202);
        EventStream.Event next = stream.next();
        assertThat(next.name()).isEqualTo("call-log");
        assertThat(JsonPath.from(next.data()).getString("sessionId")).isEqualTo(marker);
    }

    @Test
    void aCallLoggedAfterTheAgentsLastStreamClosedIsToldToTheAgentsNextStream() {
        String agent = agent();
        int writes = activitiesWritten();
        String session = loggedWhileAway(agent);
        try (EventStream next = deskStream(agent)) {
            assertThat(next.next().name()).isEqualTo("ready");
            EventStream.Event told = next.next();
            assertThat(told.name()).isEqualTo("call-log");
            JsonPath log = JsonPath.from(told.data());
            assertThat(log.getString("outcome")).isEqualTo("created");
            assertThat(log.getString("sessionId")).isEqualTo(session);
            assertThat(log.getString("logId")).isEqualTo("7301");
            // Told once: the agent's next stream hears only what comes next.
            try (EventStream third = deskStream(agent)) {
                assertThat(third.next().name()).isEqualTo("ready");
                assertNextIsAnEndedCall(third, agent);
            }
        }
        assertThat(activitiesWritten()).isEqualTo(writes + 2);
    }

    @Test
    void whatNoStreamOfTheAgentHeardIsDroppedWhenTheRetentionEndsAndCounted() {
        String agent = agent();
        double before = dropped("result");
        loggedWhileAway(agent);
        TestClocks.CLOCK.advance(Duration.ofDays(3).plusSeconds(1)); // callpop.telephony.ended-retention
        await().atMost(Duration.ofSeconds(10)).until(() -> dropped("result") > before);
        try (EventStream next = deskStream(agent)) {
            assertThat(next.next().name()).isEqualTo("ready");
            assertNextIsAnEndedCall(next, agent);
        }
    }

    /** The activities written in the desk's Pipedrive so far (its fake is shared by every test). */
    private int activitiesWritten() {
        return pipedrive.findAll(postRequestedFor(urlPathEqualTo("/company/" + TelephonyProfiles.DESK_HOST + "/api/v2/activities"))).size();
    }

    private static EventStream deskStream(String agent) {
        URI url = URI.create("http://localhost:" + RestAssured.port + "/api/v1/crms/pipedrive/agent-events?hostname=" + TelephonyProfiles.DESK_HOST);
        return new EventStream(url, Map.of("Authorization", "Bearer " + token(agent), "X-CRM-Token", "pd-token-1"));
    }

    @Test
    void anAgentWhoChoseNotToLogGetsNoLog() {
        String agent = agent();
        String session = "s-" + UUID.randomUUID();
        try (EventStream stream = connected(agent, "?logCalls=never")) {
            post(ended(agent, session)).statusCode(202);
            String next = marker(agent);
            assertPopOf(stream.next(), next);
        }
        given().auth().oauth2(Tokens.client()).contentType(ContentType.JSON)
                .body("{\"sessionId\": \"" + session + "\", \"contact\": {\"id\": \"1002\"}, \"direction\": \"inbound\"}")
                .when().post("/api/v1/crms/sample/call-logs").then().statusCode(201);
    }

    @Test
    void aCallThatCannotBeLoggedIsPushedAsAProblem() {
        String agent = agent();
        String session = "s-" + UUID.randomUUID();
        try (EventStream stream = connected(agent)) {
            post("{\"eventId\": \"" + session + "\", \"kind\": \"ended\", \"agent\": \"" + agent + "\", \"phone\": \"+14155550999\", "
                    + "\"sessionId\": \"" + session + "\"}").statusCode(202);
            EventStream.Event failed = stream.next();
            assertThat(failed.name()).isEqualTo("call-log-failed");
            JsonPath problem = JsonPath.from(failed.data());
            assertThat(problem.getString("type")).isEqualTo("urn:callpop:problem:no-contact-for-number");
            assertThat(problem.getInt("status")).isEqualTo(422);
            assertThat(problem.getString("sessionId")).isEqualTo(session);
        }
    }

    @Test
    void theServiceHookSeedsShapesAreReadWithTheReadmesMapping() throws IOException {
        JsonNode seed = new ObjectMapper().readTree(Files.readString(Path.of("../shared/fixtures/service-hook-events.json")));
        String agent = seed.at("/outboundCallInitiated/agentID").asText();
        // The seed's agent is one agent for every run: its own session id keeps this run's log apart.
        String session = "seed-" + UUID.randomUUID();
        ((com.fasterxml.jackson.databind.node.ObjectNode) seed.get("workItemClosed")).put("primaryConversationId", session);
        ((com.fasterxml.jackson.databind.node.ObjectNode) seed.get("workItemClosed")).put("id", session);
        try (EventStream stream = connected(agent, "?outbound=ringing")) {
            post(TelephonyProfiles.SERVICE_HOOK, TelephonyProfiles.HOOK_KEY, seed.get("outboundCallInitiated").toString()).statusCode(202)
                    .body("kind", equalTo("ringing"))
                    .body("eventId", org.hamcrest.Matchers.startsWith("sha256:"));
            EventStream.Event pop = stream.next();
            assertThat(pop.name()).isEqualTo("pop");
            assertThat(JsonPath.from(pop.data()).getString("actions[0].url")).isEqualTo("https://crm.example.com?contactId=1001");
            post(TelephonyProfiles.SERVICE_HOOK, TelephonyProfiles.HOOK_KEY, seed.get("workItemClosed").toString()).statusCode(202)
                    .body("kind", equalTo("ended"))
                    .body("eventId", equalTo("event:" + session))
                    .body("sessionId", equalTo(session));
            EventStream.Event logged = stream.next();
            String logId = assertLogged(logged, session, "Job well done", 120);
            JsonPath log = JsonPath.from(logged.data());
            assertThat(log.getString("result")).isEqualTo("answered");
            assertThat(log.getString("subject")).isEqualTo("Inbound call from Ada Lovelace");
            assertOneLog(session, logId);
        }
    }

    static String assertLogged(EventStream.Event event, String session, String note, int seconds) {
        assertThat(event.name()).isEqualTo("call-log");
        JsonPath log = JsonPath.from(event.data());
        assertThat(log.getString("outcome")).isEqualTo("created");
        assertThat(log.getString("sessionId")).isEqualTo(session);
        assertThat(log.getString("contact.id")).isEqualTo("1001");
        assertThat(log.getString("note")).isEqualTo(note);
        assertThat(log.getInt("durationSeconds")).isEqualTo(seconds);
        assertThat(log.getString("actions[0].url")).isEqualTo("https://crm.example.com/activities/" + log.getString("logId"));
        return log.getString("logId");
    }

    /** The session has one log, this one: the call-log endpoint answers it as existing. */
    static void assertOneLog(String session, String logId) {
        given().auth().oauth2(Tokens.client()).contentType(ContentType.JSON)
                .body("{\"sessionId\": \"" + session + "\", \"contact\": {\"id\": \"1001\"}, \"direction\": \"inbound\"}")
                .when().post("/api/v1/crms/sample/call-logs").then().statusCode(200)
                .body("outcome", equalTo("existing"))
                .body("logId", equalTo(logId));
    }

    private static double dropped(String kind) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("callpop_telephony_dropped_total{kind=\"" + kind + "\"}"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    // --- who may post ------------------------------------------------------------------------------------------

    @Test
    void anEventWithoutAKeyIsRefusedAndNothingKept() {
        String agent = agent();
        given().contentType(ContentType.JSON).body(ringing(agent)).when().post("/api/v1/telephony/{source}/events", PLAIN).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:unauthenticated"))
                .body("errors[0].field", equalTo("webhook-signature"));
        assertNothingKeptFor(agent);
    }

    @Test
    void anEventWithAWrongKeyIsRefusedAndNothingKept() {
        String agent = agent();
        post(PLAIN, "not-the-key", ringing(agent)).statusCode(401)
                .body("errors[0].field", equalTo("x-api-key"))
                .body("detail", org.hamcrest.Matchers.not(containsString("not-the-key")));
        post(TelephonyProfiles.SERVICE_HOOK, TelephonyProfiles.KEY, ringing(agent)).statusCode(401);
        assertNothingKeptFor(agent);
    }

    @Test
    void thePreviousKeyStillWorksDuringItsReplacement() {
        post(PLAIN, TelephonyProfiles.OLD_KEY, ringing(agent())).statusCode(202);
    }

    private static ValidatableResponse signed(String id, long timestamp, String body, byte[] secret) {
        String signature = "v1," + Base64.getEncoder().encodeToString(hmac(secret, id + "." + timestamp + "." + body));
        return given().header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", "v1,bm90LXRoaXMtb25l " + signature).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/telephony/{source}/events", PLAIN).then();
    }

    private static byte[] hmac(byte[] secret, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSignedEventIsTakenAndItsWebhookIdIsItsId() {
        String agent = agent();
        try (EventStream stream = connected(agent)) {
            String id = "msg_" + UUID.randomUUID();
            String body = ringing(agent);
            signed(id, TestClocks.CLOCK.instant().getEpochSecond(), body, TelephonyProfiles.SECRET).statusCode(202).body("eventId", equalTo(id));
            // A retry is signed anew (another time) but has the same webhook-id.
            signed(id, TestClocks.CLOCK.instant().getEpochSecond() - 30, body, TelephonyProfiles.SECRET).statusCode(202).body("eventId", equalTo(id));
            EventStream.Event pop = stream.next();
            assertThat(pop.name()).isEqualTo("pop");
            String next = marker(agent);
            assertPopOf(stream.next(), next);
        }
    }

    @Test
    void aSignatureByAnotherSecretIsRefused() {
        String agent = agent();
        signed("msg_" + UUID.randomUUID(), TestClocks.CLOCK.instant().getEpochSecond(), ringing(agent), "another-secret".getBytes(StandardCharsets.UTF_8))
                .statusCode(401).body("errors[0].field", equalTo("webhook-signature"));
        assertNothingKeptFor(agent);
    }

    @Test
    void aSignedEventOutsideTheToleranceIsRefusedAsAReplay() {
        String agent = agent();
        long old = TestClocks.CLOCK.instant().minus(Duration.ofMinutes(6)).getEpochSecond();
        signed("msg_" + UUID.randomUUID(), old, ringing(agent), TelephonyProfiles.SECRET).statusCode(401)
                .body("errors[0].field", equalTo("webhook-timestamp"));
        assertNothingKeptFor(agent);
    }

    @Test
    void aSignedEventWhoseBodyWasChangedIsRefused() {
        String id = "msg_" + UUID.randomUUID();
        long now = Instant.now().getEpochSecond();
        String signature = "v1," + Base64.getEncoder().encodeToString(hmac(TelephonyProfiles.SECRET, id + "." + now + "." + ringing(agent())));
        given().header("webhook-id", id).header("webhook-timestamp", Long.toString(now)).header("webhook-signature", signature)
                .contentType(ContentType.JSON).body(ringing(agent())).when().post("/api/v1/telephony/{source}/events", PLAIN).then()
                .statusCode(401);
    }

    // --- bad input ---------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON|{\"kind\": \"ringing\", |400|malformed-json|body",
            "an array|[1, 2]|400|invalid-request|body",
            "no agent|{\"kind\": \"ringing\", \"phone\": \"+14155550100\"}|400|invalid-request|agent",
            "an object as the agent|{\"kind\": \"ringing\", \"agent\": {\"id\": 1}}|400|invalid-request|agent",
            "no kind|{\"agent\": \"AGENT\"}|400|invalid-request|kind",
            "an unknown kind|{\"kind\": \"transferred\", \"agent\": \"AGENT\"}|400|invalid-request|kind",
            "a bad time|{\"kind\": \"ringing\", \"agent\": \"AGENT\", \"startedAt\": \"yesterday\"}|400|invalid-request|startedAt",
            "an ended call without its session|{\"kind\": \"ended\", \"agent\": \"AGENT\"}|400|invalid-request|sessionId",
            "an unknown result|{\"kind\": \"ended\", \"agent\": \"AGENT\", \"sessionId\": \"s\", \"result\": \"great\"}|400|invalid-request|result",
            "a bad direction|{\"kind\": \"ringing\", \"agent\": \"AGENT\", \"direction\": \"sideways\"}|400|invalid-request|direction"})
    void badInputIsRefusedNamingTheFieldAndNothingKept(String name, String body, int status, String kind, String field) {
        String agent = agent();
        post(body.replace("AGENT", agent)).statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:" + kind))
                .body("errors[0].field", equalTo(field));
        assertNothingKeptFor(agent);
    }

    @Test
    void anEventNamingAnAgentOfAnotherOrganisationIsRefusedAndNothingKept() {
        String outsider = "agent-" + UUID.randomUUID() + "@example.org";
        post(TelephonyProfiles.DESK, TelephonyProfiles.KEY, ringing(outsider)).statusCode(422)
                .body("type", equalTo("urn:callpop:problem:agent-outside-organisation"))
                .body("errors[0].field", equalTo("agent"))
                .body("detail", containsString("callpop.telephony.sources.desk.agents"));
        // The outsider's own stream does not hear the source, so nothing for it could have been kept there.
        try (EventStream stream = deskStream(outsider)) {
            EventStream.Event ready = stream.next();
            assertThat(JsonPath.from(ready.data()).getList("sources")).isEmpty();
        }
        // The pattern is whole and ignores case: the organisation's agent in capitals is taken.
        post(TelephonyProfiles.DESK, TelephonyProfiles.KEY, ringing("Agent-" + UUID.randomUUID() + "@EXAMPLE.COM")).statusCode(202);
        post(TelephonyProfiles.DESK, TelephonyProfiles.KEY, ringing("agent@example.com.evil.example")).statusCode(422);
    }

    @Test
    void anEventOverTheSizeLimitIsRefused() {
        String agent = agent();
        String big = "{\"kind\": \"ringing\", \"agent\": \"" + agent + "\", \"notes\": \"" + "x".repeat(9000) + "\"}";
        post(big).statusCode(413).body("type", equalTo("urn:callpop:problem:telephony-event-too-large")).body("errors[0].field", equalTo("body"));
        assertNothingKeptFor(agent);
    }

    @Test
    void anUnknownSourceIsNamed() {
        post("nosuchsource", TelephonyProfiles.KEY, ringing(agent())).statusCode(404)
                .body("type", equalTo("urn:callpop:problem:unknown-telephony-source"))
                .body("errors[0].field", equalTo("source"));
    }

    // --- the agent's stream --------------------------------------------------------------------------------------

    @Test
    void theStreamNeedsTheAgentsToken() {
        given().accept("text/event-stream").when().get("/api/v1/crms/sample/agent-events").then().statusCode(401);
    }

    @Test
    void theStreamNeedsATokenNamingThePlatformsAgent() {
        given().auth().oauth2(Tokens.client()).accept("text/event-stream").when().get("/api/v1/crms/sample/agent-events").then()
                .statusCode(403)
                .body("detail", containsString(TelephonyProfiles.AGENT_CLAIM));
    }

    @Test
    void theStreamRefusesAPreferenceNamingIt() {
        given().auth().oauth2(token(agent())).accept("text/event-stream").queryParam("inbound", "sometimes")
                .when().get("/api/v1/crms/sample/agent-events").then()
                .statusCode(400)
                .body("errors[0].field", equalTo("inbound"));
    }

    @Test
    void theStreamRefusesAHostOutsideTheTokensOrganisation() {
        String token = Tokens.sign(Tokens.claims("callpop").claim(TelephonyProfiles.AGENT_CLAIM, agent()).claim("crm_hosts", java.util.List.of("other.example.org")));
        given().auth().oauth2(token).accept("text/event-stream").when().get("/api/v1/crms/sample/agent-events").then()
                .statusCode(403)
                .body("type", equalTo("urn:callpop:problem:tenant-host-forbidden"));
    }

    @Test
    void aQuietStreamGetsHeartbeats() {
        try (EventStream stream = connected(agent())) {
            assertThat(stream.nextComment(Duration.ofSeconds(5))).isEqualTo("heartbeat");
        }
    }

    @Test
    void aStreamTheClientClosedIsForgottenWithItsCredentials() {
        double before = openStreams();
        EventStream stream = connected(agent());
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == before + 1);
        stream.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> openStreams() == before);
    }

    private static double openStreams() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("callpop_telephony_streams "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void theReadyEventSaysWhichSourcesReachTheStream() {
        String agent = agent();
        try (EventStream stream = stream(agent, "")) {
            EventStream.Event ready = stream.next();
            assertThat(ready.name()).isEqualTo("ready");
            JsonPath data = JsonPath.from(ready.data());
            assertThat(data.getString("hostname")).isEqualTo("crm.example.com");
            assertThat(data.getString("agent")).isEqualTo(agent);
            assertThat(data.getList("sources")).containsExactly(TelephonyProfiles.SERVICE_HOOK, PLAIN);
        }
    }
}
