package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.callpop.service.testing.RedisServer;

/**
 * Two packaged instances (the local profile, as the README runs it) sharing one redis-server: the same session id posted
 * to both at once makes one log. For the sample CRM, whose log store is each process's own, "one log" shows in the
 * answers (one {@code created}, every answer naming the same log); for Pipedrive it shows in the fake Pipedrive both
 * replicas write to (one activity per session), also across a Redis stopped and started mid-test.
 */
class TwoReplicaCallLogsIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RedisServer redis;
    private static final List<RunModesIT.Started> REPLICAS = new ArrayList<>();
    private static final List<URI> CALL_LOGS = new ArrayList<>();
    private static String token;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ACTIVITIES = "/company/[^/]+/api/v2/activities";
    private static WireMockServer pipedrive;
    private static final List<Integer> PORTS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        pipedrive = new WireMockServer(options().dynamicPort());
        pipedrive.start();
        pipedrive.stubFor(get(urlPathMatching("/company/[^/]+/v1/activityTypes")).willReturn(okJson("{\"success\": true, \"data\": "
                + "[{\"id\": 2, \"name\": \"Call\", \"key_string\": \"call\", \"active_flag\": true}]}")));
        pipedrive.stubFor(get(urlPathMatching("/company/[^/]+/api/v2/persons/42"))
                .willReturn(okJson("{\"success\": true, \"data\": {\"id\": 42, \"name\": \"Ada Lovelace\", \"org_id\": null}}")));
        pipedrive.stubFor(WireMock.post(urlPathMatching(ACTIVITIES)).willReturn(okJson("{\"success\": true, \"data\": {\"id\": 901}}").withFixedDelay(100)));
        for (int i = 0; i < 2; i++) {
            int port = RedisServer.freePort();
            PORTS.add(port);
            Path log = Files.createTempFile("callpop-replica-" + i, ".log");
            Process process = new ProcessBuilder(JAVA, "-Dquarkus.profile=local", "-Dquarkus.http.port=" + port,
                    "-Dcallpop.call-logs.redis-url=" + redis.url(),
                    "-Dcallpop.pipedrive.api-url=http://localhost:" + pipedrive.port() + "/company/{hostname}", "-jar", JAR.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            REPLICAS.add(new RunModesIT.Started(process, log));
            CALL_LOGS.add(URI.create("http://localhost:" + port + "/api/v1/crms/sample/call-logs"));
        }
        for (int i = 0; i < 2; i++) {
            RunModesIT.awaitListening(REPLICAS.get(i), HTTP, CALL_LOGS.get(i));
        }
        Process mint = new ProcessBuilder("bash", "dev/local-token.sh", "callpop").redirectErrorStream(true).start();
        token = new String(mint.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(mint.waitFor()).isZero();
    }

    @AfterAll
    static void stop() throws Exception {
        RunModesIT.stopAll(REPLICAS, redis);
        if (pipedrive != null) {
            pipedrive.stop();
        }
    }

    private static CompletableFuture<HttpResponse<String>> send(int replica, String path, String body) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + PORTS.get(replica) + path))
                .header("Authorization", "Bearer " + token).header("X-CRM-Token", "pd-token-1")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static CompletableFuture<HttpResponse<String>> pipedriveLog(int replica, String session) {
        return send(replica, "/api/v1/crms/pipedrive/call-logs", "{\"sessionId\": \"" + session + "\", \"hostname\": \"acme.pipedrive.com\", "
                + "\"contact\": {\"id\": \"42\"}, \"note\": \"n\"}");
    }

    /** Posts one session's log to both replicas at once, asks until it is written, and answers how many activities Pipedrive got for it. */
    private static void oneActivityPerSession(String session, int activitiesBefore) {
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            posts.add(pipedriveLog(i % 2, session));
        }
        posts.forEach(post -> assertThat(post.join().statusCode()).as(post.join().body()).isIn(200, 201, 202));
        await().atMost(Duration.ofSeconds(20)).until(() -> pipedriveLog(0, session).join().statusCode() == 200
                && pipedriveLog(1, session).join().statusCode() == 200);
        assertThat(pipedrive.findAll(postRequestedFor(urlPathMatching(ACTIVITIES)))).as("Pipedrive's activities after session %s", session)
                .hasSize(activitiesBefore + 1);
    }

    @Test
    void pipedriveGetsOneActivityPerSessionFromBothReplicasAlsoAcrossARedisStoppedAndStarted() throws Exception {
        int before = pipedrive.findAll(postRequestedFor(urlPathMatching(ACTIVITIES))).size();
        for (int round = 0; round < 5; round++) {
            oneActivityPerSession("pd-" + UUID.randomUUID(), before + round);
        }
        redis.stop();
        String session = "pd-" + UUID.randomUUID();
        for (int replica = 0; replica < 2; replica++) {
            HttpResponse<String> refused = pipedriveLog(replica, session).join();
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.body()).contains("call-log-store-unavailable");
            HttpResponse<String> pop = send(replica, "/api/v1/crms/sample/call-received", "{\"contact\": {\"id\": \"42\"}}").join();
            assertThat(pop.statusCode()).as("a pop while Redis is down: %s", pop.body()).isEqualTo(200);
        }
        assertThat(pipedrive.findAll(postRequestedFor(urlPathMatching(ACTIVITIES)))).as("nothing written while Redis is down").hasSize(before + 5);
        redis.restart();
        await().atMost(Duration.ofSeconds(20)).until(() -> pipedriveLog(0, "probe-" + UUID.randomUUID()).join().statusCode() != 503);
        int afterProbe = pipedrive.findAll(postRequestedFor(urlPathMatching(ACTIVITIES))).size();
        oneActivityPerSession(session, afterProbe);
    }

    private static CompletableFuture<HttpResponse<String>> post(int replica, String session) {
        String body = "{\"sessionId\": \"" + session + "\", \"contact\": {\"id\": \"1001\"}, \"direction\": \"inbound\", "
                + "\"from\": \"+14155550100\", \"durationSeconds\": 60, \"result\": \"answered\"}";
        return HTTP.sendAsync(HttpRequest.newBuilder(CALL_LOGS.get(replica)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSameSessionPostedToBothReplicasAtOnceMakesOneLog() throws Exception {
        for (int round = 0; round < 20; round++) {
            String session = "s-" + UUID.randomUUID();
            List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                posts.add(post(i % 2, session));
            }
            int created = 0;
            Set<String> logIds = new HashSet<>();
            for (CompletableFuture<HttpResponse<String>> post : posts) {
                HttpResponse<String> answer = post.join();
                assertThat(answer.statusCode()).as("round %d: %s", round, answer.body()).isIn(200, 201, 202);
                created += answer.statusCode() == 201 ? 1 : 0;
                if (answer.statusCode() != 202) {
                    logIds.add(JSON.readTree(answer.body()).path("logId").asText());
                }
            }
            // Asked again once every create is over, each replica answers the same log.
            for (int replica = 0; replica < 2; replica++) {
                HttpResponse<String> again = post(replica, session).join();
                assertThat(again.statusCode()).as("round %d, replica %d again: %s", round, replica, again.body()).isEqualTo(200);
                JsonNode answer = JSON.readTree(again.body());
                assertThat(answer.path("outcome").asText()).isEqualTo("existing");
                logIds.add(answer.path("logId").asText());
            }
            assertThat(created).as("round %d: exactly one request of both replicas wrote the log", round).isEqualTo(1);
            assertThat(logIds).as("round %d: every answer names the same log", round).hasSize(1);
        }
    }
}
