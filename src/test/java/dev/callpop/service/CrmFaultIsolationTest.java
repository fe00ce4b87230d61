package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.callpop.adapter.pipedrive.PipedriveFake;
import dev.callpop.service.testing.ConcurrentEvents.Answer;
import dev.callpop.service.testing.ConcurrentEvents;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A CRM that hangs costs its own callers a fallback by their deadline and costs nobody else anything. Pipedrive
 * here has a 1.5 s limit, 2 threads and 2 waiting places, and a breaker that stays closed (CrmOutageTest
 * opens one); its fake never answers within a test. These are the end-to-end checks; each state of a lane is
 * CrmGuardTest's.
 */
@QuarkusTest
@TestProfile(CrmFaultIsolationTest.SmallLane.class)
class CrmFaultIsolationTest {

    /** Long enough for a crowd sent at once to have arrived before the first caller's deadline, even on a busy CI machine. */
    static final Duration LIMIT = Duration.ofMillis(1500);
    /** What "by the deadline" allows beyond the limit on a shared 2-core machine running the whole suite. */
    static final Duration MARGIN = Duration.ofSeconds(2);

    /** A small lane for Pipedrive, no cache; the other CRMs keep their defaults. */
    public static class SmallLane implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "callpop.crms.pipedrive.lookup-timeout", LIMIT.toMillis() + "ms",
                    "callpop.crms.pipedrive.max-concurrent-calls", "2",
                    "callpop.crms.pipedrive.max-waiting-calls", "2",
                    "callpop.crms.pipedrive.circuit-breaker.request-volume", "100000",
                    "callpop.crm-failure-log-interval", "1s",
                    "callpop.lookup.cache-ttl", "0s");
        }
    }

    @PipedriveFake.Server
    WireMockServer crm;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    ConcurrentEvents events;

    /** How many lines the test log had when this class started: its own lines come after. */
    static long logLinesBefore;

    @BeforeAll
    static void markTheLog() throws IOException {
        Path log = Path.of("target", "callpop-test.log");
        logLinesBefore = Files.exists(log) ? Files.readAllLines(log).size() : 0;
    }

    @BeforeEach
    void hang() {
        events = new ConcurrentEvents(port);
        crm.resetAll();
        crm.stubFor(get(urlPathMatching("/company/.*")).willReturn(aResponse().withStatus(200).withFixedDelay(30_000)));
        crm.stubFor(post(urlPathMatching("/oauth/.*")).willReturn(aResponse().withStatus(200).withFixedDelay(30_000)));
    }

    @Test
    void aCrowdAtAHangingCrmIsAnsweredByTheDeadlineAndOnlyTheLaneReachesTheCrm() {
        List<Answer> answers = events.pipedriveLookUps(12, 1000);

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().path("actions").size()).isZero();
            // Its deadline, or first the adapter's own REST read time-out (850 ms): either way a fallback.
            assertThat(answer.reason()).containsAnyOf("did not answer within " + LIMIT.toMillis() + " ms", "is busy", "could not be reached");
            assertThat(answer.took()).isLessThan(LIMIT.plus(MARGIN));
        });
        assertThat(answers).as("callers beyond the 2 threads and 2 waiting places were answered at once")
                .anySatisfy(answer -> assertThat(answer.reason()).contains("is busy"));
        assertThat(crm.findAll(getRequestedFor(urlPathMatching("/company/.*"))))
                .as("no more calls reached the hanging CRM than the lane holds").hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void aHangingCrmDelaysNoOtherCrmNorReadiness() throws Exception {
        List<CompletableFuture<Answer>> hanging = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            hanging.add(events.post("pipedrive/call-received", "{\"hostname\": \"acme.pipedrive.com\", \"call\": {\"from\": \"+1415555" + (2000 + i) + "\"}}",
                    "X-CRM-Token", "pd-hang-" + i));
        }

        Answer sample = events.post("sample/call-received", "{\"call\": {\"from\": \"+14155550100\"}}").join();
        Answer known = events.post("pipedrive/call-received", "{\"hostname\": \"acme.pipedrive.com\", \"contact\": {\"id\": \"42\"}}").join();

        assertThat(sample.status()).isEqualTo(200);
        assertThat(sample.body().path("actions").get(0).path("url").asText()).isEqualTo("https://crm.example.com?contactId=1001");
        assertThat(known.body().path("actions").get(0).path("url").asText()).isEqualTo("https://acme.pipedrive.com/person/42");
        assertThat(events.ready()).isTrue();
        assertThat(hanging.stream().map(CompletableFuture::join)).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(200));
    }

    @Test
    void anOutageIsLoggedAsSummariesNotALinePerCaller() throws IOException {
        events.pipedriveLookUps(12, 3000);

        List<String> summaries = Files.readAllLines(Path.of("target", "callpop-test.log")).stream().skip(logLinesBefore)
                .filter(line -> line.contains("CRM 'pipedrive' failed calls in the last")).toList();
        assertThat(summaries).as("a line a second at most for this class's dozens of fallbacks (FailureLogTest counts them)")
                .isNotEmpty().hasSizeLessThan(12)
                .allSatisfy(line -> assertThat(line).contains("[req:]"));
        assertThat(summaries).anyMatch(line -> line.contains("bulkhead-full"));
    }

    @Test
    void aClientThatGoesAwayMidLookUpIsNoServerError() throws Exception {
        String requestId = "gone-" + System.nanoTime();
        String body = "{\"hostname\": \"acme.pipedrive.com\", \"call\": {\"from\": \"+14155554000\"}}";
        double resetsBefore = metric("http_server_requests_seconds_count{method=\"POST\",outcome=\"CLIENT_ERROR\",status=\"RESET\"");
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(("POST /api/v1/crms/pipedrive/call-received HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + Tokens.client() + "\r\nX-CRM-Token: pd-gone\r\nX-Request-Id: " + requestId + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(10)).until(() -> crm.findAll(getRequestedFor(urlPathMatching("/company/.*"))).size() == 1);
        }

        await().atMost(Duration.ofSeconds(10))
                .until(() -> metric("http_server_requests_seconds_count{method=\"POST\",outcome=\"CLIENT_ERROR\",status=\"RESET\"") > resetsBefore);
        assertThat(Files.readAllLines(Path.of("target", "callpop-test.log")))
                .noneMatch(line -> line.contains(requestId) && line.contains("ERROR"));
        assertThat(metrics()).doesNotContain("status=\"5xx\"").doesNotContainPattern("status=\"5[0-9][0-9]\",uri=\"/api");
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** @return the sum of the series starting with this text (every uri) */
    private double metric(String prefix) throws Exception {
        return metrics().lines().filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
