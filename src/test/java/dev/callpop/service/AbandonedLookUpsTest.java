package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.callpop.adapter.pipedrive.PipedriveFake;
import dev.callpop.service.testing.ConcurrentEvents;
import dev.callpop.service.testing.ConcurrentEvents.Answer;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A healthy CRM's breaker stays closed. A client that goes away while its look-up runs (a closed tab, a client-side
 * time-out, a load generator ending its run) interrupts the CRM call; that is the caller leaving, not the CRM
 * failing, and it is counted as {@code abandoned}, never as a failure of the CRM. End to end, through a closed
 * connection; CrmGuardTest shows the same for a call that waits and one that runs, on a clock the test moves.
 */
@QuarkusTest
@TestProfile(AbandonedLookUpsTest.SmallBreaker.class)
class AbandonedLookUpsTest {

    /** A breaker that opens on 2 failures in 4 calls and stays open through the test; no cache, so every look-up reaches the CRM. */
    public static class SmallBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "callpop.crms.pipedrive.lookup-timeout", "3s",
                    "callpop.crms.pipedrive.circuit-breaker.request-volume", "4",
                    "callpop.crms.pipedrive.circuit-breaker.delay", "60s",
                    "callpop.lookup.cache-ttl", "0s");
        }
    }

    private static final String SEARCH = PipedriveFake.ANY_PERSONS_SEARCH;

    @PipedriveFake.Server
    WireMockServer crm;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @BeforeEach
    void pipedriveAnswersInTime() {
        crm.resetAll();
        crm.stubFor(get(urlPathMatching(SEARCH)).willReturn(okJson("{\"success\": true, \"data\": {\"items\": [{\"result_score\": 1,"
                + " \"item\": {\"id\": 42, \"name\": \"Ada Lovelace\"}}]}}").withFixedDelay(500)));
    }

    @Test
    void clientsThatGoAwayMidLookUpDoNotOpenTheBreakerOfAHealthyCrm() throws Exception {
        double abandonedBefore = metric("callpop_crm_call_seconds_count{crm=\"pipedrive\",event=\"call-received\",outcome=\"abandoned\"");
        for (int i = 0; i < 4; i++) { // the breaker's request volume: counted as failures, they would open it
            int reached = crm.findAll(getRequestedFor(urlPathMatching(SEARCH))).size();
            String body = "{\"hostname\": \"acme.pipedrive.com\", \"call\": {\"from\": \"+1415555" + (6000 + i) + "\"}}";
            try (Socket socket = new Socket("localhost", port)) {
                socket.getOutputStream().write(("POST /api/v1/crms/pipedrive/call-received HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + Tokens.client() + "\r\nX-CRM-Token: pd-leaving-" + i + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                await().atMost(Duration.ofSeconds(10)).until(() -> crm.findAll(getRequestedFor(urlPathMatching(SEARCH))).size() > reached);
            } // the client goes away while Pipedrive is still answering
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("callpop_crm_call_seconds_count{crm=\"pipedrive\",event=\"call-received\","
                + "outcome=\"abandoned\"") >= abandonedBefore + 4);

        List<Answer> next = new ConcurrentEvents(port).pipedriveLookUps(4, 6100);

        assertThat(next).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("matches").path(0).path("name").asText()).as(answer.reason()).isEqualTo("Ada Lovelace");
        });
        assertThat(metrics()).contains("callpop_circuit_breaker_state{crm=\"pipedrive\"} 0.0");
    }

    @Test
    void sustainedConcurrentLookUpsOfACrmThatAnswersInTimeLeaveTheBreakerClosed() throws Exception {
        ConcurrentEvents events = new ConcurrentEvents(port);
        for (int round = 0; round < 4; round++) {
            assertThat(events.pipedriveLookUps(12, 6200 + 12 * round)).allSatisfy(answer -> {
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.reason()).doesNotContain("has been failing");
            });
        }
        assertThat(metrics()).contains("callpop_circuit_breaker_state{crm=\"pipedrive\"} 0.0")
                .doesNotContain("callpop_crm_call_seconds_count{crm=\"pipedrive\",event=\"call-received\",outcome=\"breaker-open\"");
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** @return the value of the series starting with this text, or 0 */
    private double metric(String prefix) throws Exception {
        return metrics().lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
