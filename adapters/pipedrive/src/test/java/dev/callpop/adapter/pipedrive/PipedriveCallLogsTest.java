package dev.callpop.adapter.pipedrive;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import dev.callpop.spi.Call;
import dev.callpop.spi.CallLog;
import dev.callpop.spi.CallLogChange;
import dev.callpop.spi.CallLogRecord;
import dev.callpop.spi.CallResult;
import dev.callpop.spi.Contact;
import dev.callpop.spi.ContactMatch;
import dev.callpop.spi.CrmAuthenticationException;
import dev.callpop.spi.CrmContext;
import dev.callpop.spi.CrmCredentials;
import dev.callpop.spi.CrmInputException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Call logs written, changed and read as Pipedrive activities, with the adapter's real REST Client against a fake
 * of Pipedrive's API: what Pipedrive is sent, field by field, and what the adapter answers. The call type is kept
 * per company host for the whole run, so each test writes to a company of its own.
 */
@QuarkusTest
@WithTestResource(PipedriveFake.class)
class PipedriveCallLogsTest {

    private static final AtomicInteger COMPANIES = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** 01:30 on 1 March in UTC+2: 23:30 on 29 February in UTC. */
    private static final Instant STARTED = OffsetDateTime.parse("2024-03-01T01:30:00+02:00").toInstant();
    private static final Contact ADA = new Contact("42", "Ada Lovelace", "+14155550100", null);
    private static final Contact LONER = new Contact("43", "Charles Babbage", "+14155550101", null);
    private static final Contact NOBODY = new Contact("404", "Nobody", "+14155550102", null);
    private static final String TYPES = """
            {"success": true, "data": [
             {"id": 1, "order_nr": 1, "name": "Meeting", "key_string": "meeting", "icon_key": "users", "active_flag": true},
             {"id": 2, "order_nr": 2, "name": "Call", "key_string": "call", "icon_key": "call", "active_flag": true}]}""";

    @PipedriveFake.Server
    WireMockServer pipedrive;

    @Inject
    PipedriveCrmAdapter adapter;

    /** A company host no other test has used, so its call type is not kept yet. */
    private String company;

    @BeforeEach
    void aCompanyWithACallTypeAdaInAnOrganizationAndCharlesInNone() {
        company = "company" + COMPANIES.incrementAndGet() + ".pipedrive.com";
        pipedrive.resetAll();
        pipedrive.stubFor(get(urlPathMatching("/company/[^/]+/v1/activityTypes")).willReturn(okJson(TYPES)));
        pipedrive.stubFor(get(urlPathMatching("/company/[^/]+/api/v2/persons/42"))
                .willReturn(okJson("{\"success\": true, \"data\": {\"id\": 42, \"name\": \"Ada Lovelace\", \"org_id\": 7}}")));
        pipedrive.stubFor(get(urlPathMatching("/company/[^/]+/api/v2/persons/43"))
                .willReturn(okJson("{\"success\": true, \"data\": {\"id\": 43, \"name\": \"Charles Babbage\", \"org_id\": null}}")));
        pipedrive.stubFor(get(urlPathMatching("/company/[^/]+/api/v2/persons/404")).willReturn(notFound()));
        pipedrive.stubFor(post(urlPathMatching("/company/[^/]+/api/v2/activities"))
                .willReturn(okJson("{\"success\": true, \"data\": {\"id\": 901, \"subject\": \"ignored\"}}")));
    }

    private static ResponseDefinitionBuilder notFound() {
        return aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("{\"success\": false, \"error\": \"Not found\"}");
    }

    private CrmContext signedIn() {
        return signedIn(company);
    }

    private static CrmContext signedIn(String hostname) {
        return new CrmContext(hostname, false, new CrmCredentials("pd-token-1", null, null));
    }

    private String api(String path) {
        return "/company/" + company + path;
    }

    private static CallLog call(Contact contact, Duration duration, CallResult result, String note, URI recording) {
        return new CallLog("session-1", contact, Call.Direction.INBOUND, "+14155550100", "+14155550199", STARTED,
                duration, result, "Call from Ada", note, recording);
    }

    /** The one activity Pipedrive was asked to create, as JSON. */
    private JsonNode postedActivity() throws Exception {
        var posts = pipedrive.findAll(postRequestedFor(urlPathMatching("/company/[^/]+/api/v2/activities")));
        assertThat(posts).hasSize(1);
        return JSON.readTree(posts.get(0).getBodyAsString());
    }

    /** The one change Pipedrive was sent for activity 901, as JSON. */
    private JsonNode patchedActivity() throws Exception {
        var patches = pipedrive.findAll(patchRequestedFor(urlPathEqualTo(api("/api/v2/activities/901"))));
        assertThat(patches).hasSize(1);
        return JSON.readTree(patches.get(0).getBodyAsString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Pipedrive's activity 901 as it answers a read or a change. */
    private void activity901(String noteHtml, String duration) {
        String activity = """
                {"success": true, "data": {"id": 901, "subject": "Call from Ada", "type": "call", "done": true,
                 "due_date": "2024-02-29", "due_time": "23:30", "duration": %s, "note": %s,
                 "participants": [{"person_id": 42, "primary": true}], "org_id": 7}}"""
                .formatted(duration == null ? "null" : "\"" + duration + "\"", JSON.valueToTree(noteHtml).toString());
        pipedrive.stubFor(get(urlPathEqualTo(api("/api/v2/activities/901"))).willReturn(okJson(activity)));
        pipedrive.stubFor(patch(urlPathEqualTo(api("/api/v2/activities/901"))).willReturn(okJson(activity)));
    }

    @Test
    void aLogIsAnActivityOfTheCallTypeWithTheCallsFields() throws Exception {
        adapter.createLog(call(ADA, Duration.ofMinutes(75), CallResult.ANSWERED, "Wants a quote", null), signedIn());
        JsonNode activity = postedActivity();
        assertThat(activity.get("subject").asText()).isEqualTo("Call from Ada");
        assertThat(activity.get("type").asText()).isEqualTo("call");
        assertThat(activity.get("done").isBoolean()).isTrue();
        assertThat(activity.get("done").asBoolean()).isTrue();
        assertThat(activity.get("due_date").asText()).isEqualTo("2024-02-29");
        assertThat(activity.get("due_time").asText()).isEqualTo("23:30");
        assertThat(activity.get("duration").asText()).isEqualTo("01:15");
        assertThat(activity.get("participants").toString()).isEqualTo("[{\"person_id\":42,\"primary\":true}]");
        assertThat(activity.get("org_id").asLong()).isEqualTo(7);
        assertThat(activity.get("note").asText()).isEqualTo("Wants a quote<br>Result: answered");
        pipedrive.verify(postRequestedFor(urlPathEqualTo(api("/api/v2/activities")))
                .withHeader("Authorization", equalTo("Bearer pd-token-1"))
                .withHeader("Content-Type", equalTo("application/json")));
        pipedrive.verify(getRequestedFor(urlPathEqualTo(api("/v1/activityTypes"))).withHeader("Authorization", equalTo("Bearer pd-token-1")));
        pipedrive.verify(getRequestedFor(urlPathEqualTo(api("/api/v2/persons/42"))).withHeader("Authorization", equalTo("Bearer pd-token-1")));
    }

    @Test
    void theLogWrittenIsAnsweredWithTheActivityIdAndThePlainNote() {
        CallLogRecord record = adapter.createLog(call(ADA, Duration.ofMinutes(3), CallResult.MISSED, "Call back <today> & 'soon'", null), signedIn());
        assertThat(record).isEqualTo(new CallLogRecord("901", ADA, "Call from Ada", "Call back <today> & 'soon'", CallResult.MISSED, Duration.ofMinutes(3)));
    }

    @Test
    void theNoteIsEscapedSoNothingTheClientSendsIsMarkup() throws Exception {
        adapter.createLog(call(ADA, Duration.ofMinutes(2), CallResult.ANSWERED, "<script>alert(\"hi\")</script> & 'so'\nnext line",
                URI.create("https://recordings.example.com/r/1?a=1&b='2'")), signedIn());
        assertThat(postedActivity().get("note").asText()).isEqualTo(
                "&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; &#39;so&#39;<br>next line"
                        + "<br>Recording: https://recordings.example.com/r/1?a=1&amp;b=&#39;2&#39;<br>Result: answered");
    }

    @Test
    void aStartedMinuteCountsWhole() throws Exception {
        adapter.createLog(call(ADA, Duration.ofSeconds(20), CallResult.ANSWERED, null, null), signedIn());
        assertThat(postedActivity().get("duration").asText()).isEqualTo("00:01");
    }

    @Test
    void aLogWrittenWhileTheCallRingsIsNotDoneAndHasNoDurationNorNote() throws Exception {
        adapter.createLog(call(ADA, null, null, null, null), signedIn());
        JsonNode activity = postedActivity();
        assertThat(activity.get("done").asBoolean()).isFalse();
        assertThat(activity.has("duration")).isFalse();
        assertThat(activity.has("note")).isFalse();
    }

    @Test
    void theCallTypeIsFetchedOnceForTwoLogsOfACompanyAndAgainForAnother() {
        adapter.createLog(call(ADA, Duration.ofMinutes(1), CallResult.ANSWERED, null, null), signedIn());
        adapter.createLog(call(LONER, Duration.ofMinutes(1), CallResult.ANSWERED, null, null), signedIn());
        String other = "other" + COMPANIES.incrementAndGet() + ".pipedrive.com";
        adapter.createLog(call(ADA, Duration.ofMinutes(1), CallResult.ANSWERED, null, null), signedIn(other));
        pipedrive.verify(1, getRequestedFor(urlPathEqualTo(api("/v1/activityTypes"))));
        pipedrive.verify(1, getRequestedFor(urlPathEqualTo("/company/" + other + "/v1/activityTypes")));
        pipedrive.verify(3, postRequestedFor(urlPathMatching("/company/[^/]+/api/v2/activities")));
    }

    @Test
    void anActiveTypeNamedCallServesWhereNoActiveTypeHasTheKeyCall() throws Exception {
        pipedrive.stubFor(get(urlPathEqualTo(api("/v1/activityTypes"))).willReturn(okJson("""
                {"success": true, "data": [
                 {"id": 2, "name": "Call", "key_string": "call", "active_flag": false},
                 {"id": 7, "name": "CALL", "key_string": "call_7", "active_flag": true}]}""")));
        adapter.createLog(call(ADA, Duration.ofMinutes(1), CallResult.ANSWERED, null, null), signedIn());
        assertThat(postedActivity().get("type").asText()).isEqualTo("call_7");
    }

    @Test
    void aCompanyWithoutAnActiveCallTypeGetsNoActivityAndIsAskedAgainNextTime() {
        pipedrive.stubFor(get(urlPathEqualTo(api("/v1/activityTypes"))).willReturn(okJson("""
                {"success": true, "data": [{"id": 1, "name": "Meeting", "key_string": "meeting", "active_flag": true},
                 {"id": 2, "name": "Call", "key_string": "call", "active_flag": false}]}""")));
        for (int i = 0; i < 2; i++) {
            CrmInputException refused = catchThrowableOfType(CrmInputException.class,
                    () -> adapter.createLog(call(ADA, Duration.ofMinutes(1), CallResult.ANSWERED, null, null), signedIn()));
            assertThat(refused.kind()).isEqualTo("call-type-missing");
        }
        pipedrive.verify(2, getRequestedFor(urlPathEqualTo(api("/v1/activityTypes"))));
        pipedrive.verify(0, postRequestedFor(urlPathMatching(".*/api/v2/activities")));
    }

    @Test
    void aPersonWithoutAnOrganizationGetsNoOrgId() throws Exception {
        adapter.createLog(call(LONER, Duration.ofMinutes(1), CallResult.ANSWERED, null, null), signedIn());
        JsonNode activity = postedActivity();
        assertThat(activity.has("org_id")).isFalse();
        assertThat(activity.get("participants").toString()).isEqualTo("[{\"person_id\":43,\"primary\":true}]");
    }

    @Test
    void aPersonPipedriveDoesNotHaveIsContactNotFoundAndNoActivityIsPosted() {
        CrmInputException refused = catchThrowableOfType(CrmInputException.class,
                () -> adapter.createLog(call(NOBODY, Duration.ofMinutes(1), CallResult.ANSWERED, "secret note", null), signedIn()));
        assertThat(refused.kind()).isEqualTo("contact-not-found");
        assertThat(refused.field()).isEqualTo("contact.id");
        assertThat(refused).hasMessageNotContaining("secret note").hasMessageNotContaining("pd-token-1");
        pipedrive.verify(0, postRequestedFor(urlPathMatching(".*/api/v2/activities")));
    }

    @Test
    void aContactIdThatIsNoPipedriveIdIsContactNotFoundWithoutAsking() {
        CrmInputException refused = catchThrowableOfType(CrmInputException.class,
                () -> adapter.createLog(call(Contact.withId("lead-7"), Duration.ofMinutes(1), CallResult.ANSWERED, null, null), signedIn()));
        assertThat(refused.kind()).isEqualTo("contact-not-found");
        pipedrive.verify(0, anyRequestedFor(anyUrl()));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {401, 403, 429, 500})
    void pipedrivesRefusalOfTheActivityReachesCallpopWithItsStatusAndNeitherTokenNorNote(int status) {
        pipedrive.stubFor(post(urlPathEqualTo(api("/api/v2/activities"))).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{\"success\": false, \"error\": \"refused\"}")));
        WebApplicationException refused = catchThrowableOfType(WebApplicationException.class,
                () -> adapter.createLog(call(ADA, Duration.ofMinutes(1), CallResult.ANSWERED, "secret note", null), signedIn()));
        assertThat(refused.getResponse().getStatus()).isEqualTo(status);
        assertThat(refused).hasMessageNotContaining("pd-token-1").hasMessageNotContaining("secret note");
    }

    @Test
    void withoutTheUsersTokenTheClientMustSignInAgainAndPipedriveIsNotCalled() {
        assertThatThrownBy(() -> adapter.createLog(call(ADA, null, null, null, null), CrmContext.of(company, false)))
                .isInstanceOf(CrmAuthenticationException.class).hasMessageContaining("X-CRM-Token");
        pipedrive.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anUpdateOfTheDurationSendsOnlyTheDurationAndDone() throws Exception {
        activity901("Wants a quote", "00:04");
        adapter.updateLog("901", new CallLogChange(Duration.ofMinutes(4), null, null, null, null), signedIn());
        JsonNode change = patchedActivity();
        assertThat(fieldNames(change)).containsExactlyInAnyOrder("duration", "done");
        assertThat(change.get("duration").asText()).isEqualTo("00:04");
        assertThat(change.get("done").asBoolean()).isTrue();
        pipedrive.verify(0, getRequestedFor(urlPathEqualTo(api("/api/v2/activities/901"))));
    }

    @Test
    void anUpdateOfTheSubjectSendsOnlyTheSubject() throws Exception {
        activity901("Wants a quote", "00:04");
        adapter.updateLog("901", new CallLogChange(null, null, "Ada, about the quote", null, null), signedIn());
        JsonNode change = patchedActivity();
        assertThat(fieldNames(change)).containsExactly("subject");
        assertThat(change.get("subject").asText()).isEqualTo("Ada, about the quote");
    }

    @Test
    void anUpdateOfTheResultRewritesTheNoteKeepingItsTextAndRecording() throws Exception {
        activity901("Wants a &lt;quote&gt;<br>Recording: https://recordings.example.com/r/1", null);
        adapter.updateLog("901", new CallLogChange(null, CallResult.VOICEMAIL, null, null, null), signedIn());
        JsonNode change = patchedActivity();
        assertThat(fieldNames(change)).containsExactlyInAnyOrder("note", "done");
        assertThat(change.get("note").asText())
                .isEqualTo("Wants a &lt;quote&gt;<br>Recording: https://recordings.example.com/r/1<br>Result: voicemail");
        assertThat(change.get("done").asBoolean()).isTrue();
    }

    @Test
    void anUpdateOfTheNoteEscapesItAndKeepsTheResultLine() throws Exception {
        activity901("Old note<br>Result: answered", "00:04");
        adapter.updateLog("901", new CallLogChange(null, null, null, "New <b>note</b> & \"more\"\nline", null), signedIn());
        JsonNode change = patchedActivity();
        assertThat(fieldNames(change)).containsExactly("note");
        assertThat(change.get("note").asText()).isEqualTo("New &lt;b&gt;note&lt;/b&gt; &amp; &quot;more&quot;<br>line<br>Result: answered");
    }

    @Test
    void anUpdateAnswersTheLogAsPipedriveNowHoldsIt() {
        activity901("Wants a quote<br>Result: answered", "00:04");
        CallLogRecord record = adapter.updateLog("901", new CallLogChange(Duration.ofMinutes(4), null, null, null, null), signedIn());
        assertThat(record).isEqualTo(new CallLogRecord("901", Contact.withId("42"), "Call from Ada", "Wants a quote", CallResult.ANSWERED,
                Duration.ofMinutes(4)));
    }

    @Test
    void aReadUnescapesTheNoteAndTakesTheResultAndRecordingLinesOff() {
        activity901("&lt;script&gt;x&lt;/script&gt; &amp;lt; &amp; &#39;a&#39; &quot;b&quot;<br>two<br>Recording: https://r.example.com/1<br>Result: busy", "01:05");
        CallLogRecord record = adapter.readLog("901", signedIn());
        assertThat(record).isEqualTo(new CallLogRecord("901", Contact.withId("42"), "Call from Ada", "<script>x</script> &lt; & 'a' \"b\"\ntwo",
                CallResult.BUSY, Duration.ofMinutes(65)));
        pipedrive.verify(getRequestedFor(urlPathEqualTo(api("/api/v2/activities/901"))).withHeader("Authorization", equalTo("Bearer pd-token-1")));
    }

    @Test
    void aNoteCallpopWroteReadsBackAsTheClientSentIt() throws Exception {
        String note = "<script>alert('x')</script>\n& \"quotes\" &amp; <br>\nResult: not ours";
        adapter.createLog(call(ADA, Duration.ofMinutes(1), CallResult.ANSWERED, note, URI.create("https://r.example.com/1")), signedIn());
        activity901(postedActivity().get("note").asText(), "00:01");
        CallLogRecord record = adapter.readLog("901", signedIn());
        assertThat(record.note()).isEqualTo(note);
        assertThat(record.result()).isEqualTo(CallResult.ANSWERED);
    }

    @Test
    void readingALogPipedriveDoesNotHaveIsLogNotFound() {
        pipedrive.stubFor(get(urlPathEqualTo(api("/api/v2/activities/902"))).willReturn(notFound()));
        CrmInputException refused = catchThrowableOfType(CrmInputException.class, () -> adapter.readLog("902", signedIn()));
        assertThat(refused.kind()).isEqualTo("log-not-found");
        assertThat(refused.field()).isEqualTo("logId");
    }

    @Test
    void changingALogPipedriveDoesNotHaveIsLogNotFound() {
        pipedrive.stubFor(patch(urlPathEqualTo(api("/api/v2/activities/902"))).willReturn(notFound()));
        CrmInputException refused = catchThrowableOfType(CrmInputException.class,
                () -> adapter.updateLog("902", new CallLogChange(Duration.ofMinutes(1), null, null, null, null), signedIn()));
        assertThat(refused.kind()).isEqualTo("log-not-found");
        assertThat(refused.field()).isEqualTo("logId");
    }

    @Test
    void changingTheNoteOfALogPipedriveDoesNotHaveIsLogNotFoundAndNothingIsSent() {
        pipedrive.stubFor(get(urlPathEqualTo(api("/api/v2/activities/902"))).willReturn(notFound()));
        CrmInputException refused = catchThrowableOfType(CrmInputException.class,
                () -> adapter.updateLog("902", new CallLogChange(null, null, null, "secret note", null), signedIn()));
        assertThat(refused.kind()).isEqualTo("log-not-found");
        assertThat(refused).hasMessageNotContaining("secret note");
        pipedrive.verify(0, patchRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void aLogIdThatIsNoActivityIdIsLogNotFoundWithoutAsking() {
        CrmInputException refused = catchThrowableOfType(CrmInputException.class, () -> adapter.readLog("note-9", signedIn()));
        assertThat(refused.kind()).isEqualTo("log-not-found");
        pipedrive.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aLogCannotBeFoundBySession() {
        assertThat(adapter.findLog("session-1", signedIn())).isEmpty();
        pipedrive.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void matchesAreDatedWithOneRequestForAllOfThem() {
        PipedriveFake.datesPersons(pipedrive, "42", "2020-05-01T08:00:00Z", "2026-11-30T10:15:00Z", "43", "2019-01-02T03:04:05+02:00", "garbled");
        List<ContactMatch> dated = adapter.datedMatches(List.of(new ContactMatch("43", "Charles Babbage", null),
                new ContactMatch("42", "Ada Lovelace", null), new ContactMatch("44", "Not visible", null)), signedIn());
        pipedrive.verify(1, getRequestedFor(urlPathEqualTo(api("/api/v2/persons"))).withQueryParam("ids", equalTo("43,42,44"))
                .withQueryParam("limit", equalTo("3")).withHeader("Authorization", equalTo("Bearer pd-token-1")));
        assertThat(dated).containsExactly(
                new ContactMatch("43", "Charles Babbage", null, Instant.parse("2019-01-02T01:04:05Z"), null),
                new ContactMatch("42", "Ada Lovelace", null, Instant.parse("2020-05-01T08:00:00Z"), Instant.parse("2026-11-30T10:15:00Z")),
                new ContactMatch("44", "Not visible", null));
    }

    @Test
    void matchesWithoutPipedriveIdsAreAnsweredAsTheyAreWithoutARequest() {
        List<ContactMatch> matches = List.of(new ContactMatch("ada", "Ada Lovelace", null));
        assertThat(adapter.datedMatches(matches, signedIn())).isEqualTo(matches);
        pipedrive.verify(0, anyRequestedFor(anyUrl()));
    }
}
