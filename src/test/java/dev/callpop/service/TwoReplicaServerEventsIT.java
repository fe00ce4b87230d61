package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.callpop.service.testing.EventStream;
import dev.callpop.service.testing.RedisServer;
import dev.callpop.service.testing.Tokens;

/**
 * Two packaged instances (the local profile) sharing one redis-server, a telephony source configured on both: an event
 * posted to one pops the agent's stream held by the other; an ended call posted while the agent is away is logged once
 * when the agent connects to the other; deliveries repeated to both change nothing; Redis stopped, events answer 503
 * and pops go on, and Redis started again, what is posted then is pushed and logged once.
 */
class TwoReplicaServerEventsIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String KEY = "two-replica-key-0b7d9e";

    private static RedisServer redis;
    private static final List<RunModesIT.Started> REPLICAS = new ArrayList<>();
    private static final List<Integer> PORTS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.start();
        for (int i = 0; i < 2; i++) {
            PORTS.add(RedisServer.freePort());
            REPLICAS.add(startReplica(i));
        }
        for (int i = 0; i < 2; i++) {
            RunModesIT.awaitListening(REPLICAS.get(i), HTTP, URI.create("http://localhost:" + PORTS.get(i) + "/q/health"));
        }
    }

    /** Starts replica i on its port; answers at once, before it listens. */
    private static RunModesIT.Started startReplica(int i) throws Exception {
        Path log = Files.createTempFile("callpop-events-replica-" + i, ".log");
        Process process = new ProcessBuilder(JAVA, "-Dquarkus.profile=local", "-Dquarkus.http.port=" + PORTS.get(i),
                "-Dcallpop.call-logs.redis-url=" + redis.url(), "-Dcallpop.telephony.sources.plain.crm=sample",
                "-Dcallpop.telephony.sources.plain.api-keys=" + KEY, "-Dcallpop.telephony.log-retry=1s", "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new RunModesIT.Started(process, log);
    }

    @AfterAll
    static void stop() throws Exception {
        RunModesIT.stopAll(REPLICAS, redis);
    }

    private static String agent() {
        return "agent-" + UUID.randomUUID() + "@example.com";
    }

    private static String token(String agent) {
        return Tokens.local(Map.of("email", agent));
    }

    private static EventStream connected(int replica, String agent) {
        EventStream stream = new EventStream(URI.create("http://localhost:" + PORTS.get(replica) + "/api/v1/crms/sample/agent-events"),
                Map.of("Authorization", "Bearer " + token(agent)));
        assertThat(stream.next(Duration.ofSeconds(20)).name()).isEqualTo("ready");
        return stream;
    }

    private static HttpResponse<String> post(int replica, String body) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + PORTS.get(replica) + "/api/v1/telephony/plain/events"))
                .header("x-api-key", KEY).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).join();
    }

    private static String ringing(String agent, String id) {
        return "{\"eventId\": \"" + id + "\", \"kind\": \"ringing\", \"agent\": \"" + agent + "\", \"phone\": \"+14155550100\", \"sessionId\": \"call-" + id + "\"}";
    }

    private static String ended(String agent, String session) {
        return "{\"eventId\": \"end-" + session + "\", \"kind\": \"ended\", \"agent\": \"" + agent + "\", \"phone\": \"+14155550100\", "
                + "\"sessionId\": \"" + session + "\", \"startedAt\": \"2026-12-03T14:05:00Z\", \"endedAt\": \"2026-12-03T14:06:00Z\", \"result\": \"answered\"}";
    }

    /** Posts a ringing event to a replica and answers the session id its pop carries. */
    private static String marker(int replica, String agent) {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> answer = post(replica, ringing(agent, id));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return "call-" + id;
    }

    private static void assertPopOf(EventStream.Event event, String session) throws Exception {
        assertThat(event.name()).as(event.data()).isEqualTo("pop");
        assertThat(JSON.readTree(event.data()).path("sessionId").asText()).isEqualTo(session);
    }

    private static String assertCreated(EventStream.Event event, String session) throws Exception {
        assertThat(event.name()).as(event.data()).isEqualTo("call-log");
        JsonNode log = JSON.readTree(event.data());
        assertThat(log.path("outcome").asText()).isEqualTo("created");
        assertThat(log.path("sessionId").asText()).isEqualTo(session);
        assertThat(log.path("durationSeconds").asInt()).isEqualTo(60);
        return log.path("logId").asText();
    }

    /** Each replica answers the session's log as the one already written. */
    private static void assertOneLog(String session, String logId) throws Exception {
        for (int replica = 0; replica < 2; replica++) {
            HttpResponse<String> again = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORTS.get(replica) + "/api/v1/crms/sample/call-logs"))
                    .header("Authorization", "Bearer " + token(agent())).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sessionId\": \"" + session + "\", \"contact\": {\"id\": \"1001\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
            assertThat(JSON.readTree(again.body()).path("logId").asText()).isEqualTo(logId);
        }
    }

    @Test
    void anEventPostedToOneReplicaPopsTheStreamsHeldByBothOnceEvenDeliveredToBoth() throws Exception {
        String agent = agent();
        try (EventStream onB = connected(1, agent); EventStream onA = connected(0, agent)) {
            String id = UUID.randomUUID().toString();
            HttpResponse<String> first = post(0, ringing(agent, id));
            HttpResponse<String> again = post(1, ringing(agent, id));
            assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
            assertThat(again.body()).isEqualTo(first.body());
            String next = marker(1, agent);
            for (EventStream stream : new EventStream[] {onB, onA}) {
                assertPopOf(stream.next(), "call-" + id);
                assertPopOf(stream.next(), next);
            }
        }
    }

    @Test
    void aPopPostedBeforeTheAgentConnectsReachesTheStreamOpenedOnTheOtherReplica() throws Exception {
        String agent = agent();
        String session = marker(0, agent);
        try (EventStream onB = connected(1, agent)) {
            assertPopOf(onB.next(), session);
        }
    }

    @Test
    void anEndedCallPostedToBothWhileTheAgentIsAwayIsLoggedOnceWhenTheAgentConnectsToTheOther() throws Exception {
        String agent = agent();
        String session = "s-" + UUID.randomUUID();
        assertThat(post(0, ended(agent, session)).statusCode()).isEqualTo(202);
        assertThat(post(1, ended(agent, session)).statusCode()).isEqualTo(202);
        try (EventStream onB = connected(1, agent)) {
            String logId = assertCreated(onB.next(), session);
            try (EventStream onA = connected(0, agent)) {
                String next = marker(0, agent);
                assertPopOf(onA.next(), next);
                assertPopOf(onB.next(), next);
            }
            assertOneLog(session, logId);
        }
    }

    @Test
    void redisStoppedEventsAnswer503AndPopsGoOnRedisStartedWhatIsPostedIsPushedAndLoggedOnce() throws Exception {
        String agent = agent();
        try (EventStream onB = connected(1, agent)) {
            redis.stop();
            String session = "s-" + UUID.randomUUID();
            for (int replica = 0; replica < 2; replica++) {
                HttpResponse<String> refused = post(replica, ended(agent, session));
                assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(refused.body()).contains("telephony-event-store-unavailable");
                HttpResponse<String> pop = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + PORTS.get(replica) + "/api/v1/crms/sample/call-received"))
                        .header("Authorization", "Bearer " + token(agent)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"contact\": {\"id\": \"42\"}}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(pop.statusCode()).as("a pop while Redis is down: %s", pop.body()).isEqualTo(200);
            }
            redis.restart();
            // The platform retries until callpop keeps it.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> post(0, ended(agent, session)).statusCode() == 202);
            String logId = assertCreated(onB.next(Duration.ofSeconds(30)), session);
            assertThat(post(1, ended(agent, session)).statusCode()).isEqualTo(202);
            String next = marker(0, agent);
            assertPopOf(onB.next(Duration.ofSeconds(30)), next);
            assertOneLog(session, logId);
        }
    }

    @Test
    void aReplicaKilledUnderTheAgentsStreamLosesNothingAndStartedAgainPopsAgain() throws Exception {
        String agent = agent();
        EventStream onB = connected(1, agent);
        String ringingWhileAway;
        String endedWhileAway = "s-" + UUID.randomUUID();
        try {
            REPLICAS.get(1).process().destroyForcibly().waitFor();
            assertThat(onB.end(Duration.ofSeconds(10))).as("the stream ends with its replica").isTrue();
            // The agent's client reconnects, to the replica left; meanwhile its calls come to that replica.
            ringingWhileAway = marker(0, agent);
            assertThat(post(0, ended(agent, endedWhileAway)).statusCode()).isEqualTo(202);
        } finally {
            onB.close();
            REPLICAS.set(1, startReplica(1));
        }
        try (EventStream onA = connected(0, agent)) {
            assertPopOf(onA.next(), ringingWhileAway);
            String logId = assertCreated(onA.next(), endedWhileAway);
            RunModesIT.awaitListening(REPLICAS.get(1), HTTP, URI.create("http://localhost:" + PORTS.get(1) + "/q/health"));
            try (EventStream onNewB = connected(1, agent)) {
                String next = marker(0, agent);
                assertPopOf(onA.next(), next);
                assertPopOf(onNewB.next(), next);
            }
            assertOneLog(endedWhileAway, logId);
        }
    }
}
