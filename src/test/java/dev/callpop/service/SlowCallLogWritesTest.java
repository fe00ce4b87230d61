package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.callpop.adapter.pipedrive.PipedriveFake;
import dev.callpop.service.testing.ConcurrentEvents;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A CRM slow to write: the create that outlives its wait answers 202 and is not abandoned (its result answers the
 * retry, and no second activity is written), and writes that hang take no thread from the pops of the same CRM.
 */
@QuarkusTest
@TestProfile(SlowCallLogWritesTest.ShortWait.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the hanging writes of the second leave Pipedrive's write lane busy for seconds
class SlowCallLogWritesTest {

    /** A create waits 300 ms for Pipedrive; look-ups keep their own 1.5 s limit; no look-up cache. */
    public static class ShortWait implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callpop.crms.pipedrive.log-timeout", "300ms",
                    "callpop.crms.pipedrive.lookup-timeout", "1500ms",
                    "callpop.crms.pipedrive.max-concurrent-writes", "2",
                    "callpop.crms.pipedrive.max-waiting-writes", "4",
                    "callpop.lookup.cache-ttl", "0s");
        }
    }

    private static final String ACTIVITIES = "/company/[^/]+/api/v2/activities";

    @PipedriveFake.Server
    WireMockServer pipedrive;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeEach
    void pipedriveWritesSlowly() {
        pipedrive.resetAll();
        pipedrive.stubFor(get(urlPathMatching("/company/[^/]+/v1/activityTypes")).willReturn(okJson("{\"success\": true, \"data\": "
                + "[{\"id\": 2, \"name\": \"Call\", \"key_string\": \"call\", \"active_flag\": true}]}")));
        pipedrive.stubFor(get(urlPathMatching("/company/[^/]+/api/v2/persons/42"))
                .willReturn(okJson("{\"success\": true, \"data\": {\"id\": 42, \"name\": \"Ada Lovelace\", \"org_id\": null}}")));
        pipedrive.stubFor(post(urlPathMatching(ACTIVITIES)).willReturn(okJson("{\"success\": true, \"data\": {\"id\": 901}}").withFixedDelay(1200)));
        PipedriveFake.findsForAnyNumber(pipedrive, "42", "Ada Lovelace");
    }

    private static Response create(String session) {
        return given().auth().oauth2(Tokens.client()).header("X-CRM-Token", "pd-token-1").contentType(ContentType.JSON)
                .body("{\"sessionId\": \"" + session + "\", \"hostname\": \"acme.pipedrive.com\", \"contact\": {\"id\": \"42\"}, \"note\": \"n\"}")
                .when().post("/api/v1/crms/pipedrive/call-logs");
    }

    @Test
    @Order(1)
    void aCreateThatOutlivesItsWaitAnswers202AndItsResultAnswersTheRetry() {
        String session = "s-" + UUID.randomUUID();
        Response first = create(session);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.header("Retry-After")).isNotNull();
        assertThat(first.<String>path("outcome")).isEqualTo("pending");

        await().atMost(Duration.ofSeconds(10)).until(() -> create(session).statusCode() == 200);
        create(session).then().statusCode(200).body("logId", equalTo("901")).body("contact.id", equalTo("42"));
        pipedrive.verify(1, postRequestedFor(urlPathMatching(ACTIVITIES)));
    }

    @Test
    @Order(2)
    void writesThatHangTakeNoThreadFromThePopsOfTheSameCrm() {
        pipedrive.stubFor(post(urlPathMatching(ACTIVITIES)).willReturn(aResponse().withStatus(200).withFixedDelay(2400)));
        List<CompletableFuture<Response>> writes = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // every thread and queue place for Pipedrive's writes
            String session = "s-" + UUID.randomUUID();
            writes.add(CompletableFuture.supplyAsync(() -> create(session)));
        }
        List<ConcurrentEvents.Answer> pops = new ConcurrentEvents(port).pipedriveLookUps(8, 7000);
        assertThat(pops).allSatisfy(pop -> {
            assertThat(pop.status()).isEqualTo(200);
            assertThat(pop.body().path("matches").path(0).path("name").asText()).as(pop.reason()).isEqualTo("Ada Lovelace");
            assertThat(pop.took()).isLessThan(Duration.ofMillis(1500));
        });
        // Six writes for two threads and four places: each is answered (202 while it runs), none refused.
        assertThat(writes.stream().map(CompletableFuture::join)).allSatisfy(write -> assertThat(write.statusCode()).isEqualTo(202));
    }
}
