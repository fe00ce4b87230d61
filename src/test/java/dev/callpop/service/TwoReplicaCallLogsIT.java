package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.callpop.service.testing.RedisServer;

/**
 * Two packaged instances (the local profile, as the README runs it) sharing one redis-server: the same session id posted
 * to both at once makes one log. The sample CRM's log store is each process's own, so "one log" shows in the answers:
 * one {@code created} across both instances, and every answer naming the same log.
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

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        for (int i = 0; i < 2; i++) {
            int port = RedisServer.freePort();
            Path log = Files.createTempFile("callpop-replica-" + i, ".log");
            Process process = new ProcessBuilder(JAVA, "-Dquarkus.profile=local", "-Dquarkus.http.port=" + port,
                    "-Dcallpop.call-logs.redis-url=" + redis.url(), "-jar", JAR.toString())
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
        for (RunModesIT.Started replica : REPLICAS) {
            replica.process().destroy();
            replica.process().waitFor(20, TimeUnit.SECONDS);
        }
        if (redis != null) {
            redis.close();
        }
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
