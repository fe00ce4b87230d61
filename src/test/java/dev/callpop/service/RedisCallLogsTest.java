package dev.callpop.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.Api;
import dev.callpop.service.testing.RedisServer;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Call logs of the sample CRM with the record of written logs in a real Redis ({@code callpop.call-logs.redis-url}):
 * once per session id; Redis down, a create answers 503 with {@code Retry-After} and writes nothing while pops go on;
 * Redis back, the same request writes the log, once.
 */
@QuarkusTest
@TestProfile(RedisCallLogsTest.WithRedis.class)
class RedisCallLogsTest {

    /** The record in a redis-server of the test's own. */
    public static class WithRedis implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisServer.Resource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("callpop.crms.sample.circuit-breaker.request-volume", "100000");
        }
    }

    private static String session() {
        return "s-" + UUID.randomUUID();
    }

    private static String call(String session) {
        return "{\"sessionId\": \"" + session + "\", \"contact\": {\"id\": \"1001\"}, \"direction\": \"inbound\", "
                + "\"from\": \"+14155550100\", \"durationSeconds\": 185, \"result\": \"answered\"}";
    }

    private static ValidatableResponse create(String session) {
        return given().auth().oauth2(Tokens.client()).contentType(ContentType.JSON).body(call(session))
                .when().post("/api/v1/crms/sample/call-logs").then();
    }

    @Test
    void theSameSessionTwiceMakesOneLog() {
        String session = session();
        String logId = create(session).statusCode(201).body("outcome", equalTo("created")).extract().path("logId");
        create(session).statusCode(200).body("outcome", equalTo("existing")).body("logId", equalTo(logId));
    }

    @Test
    void theSameSessionPostedManyTimesAtOnceMakesOneLog() {
        String session = session();
        List<CompletableFuture<Response>> posts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            posts.add(CompletableFuture.supplyAsync(() -> given().auth().oauth2(Tokens.client()).contentType(ContentType.JSON)
                    .body(call(session)).when().post("/api/v1/crms/sample/call-logs")));
        }
        Set<String> logIds = new HashSet<>();
        int created = 0;
        for (CompletableFuture<Response> post : posts) {
            Response answer = post.join();
            assertThat(answer.statusCode()).isIn(200, 201, 202);
            created += answer.statusCode() == 201 ? 1 : 0;
            if (answer.statusCode() != 202) {
                logIds.add(answer.path("logId"));
            }
        }
        assertThat(created).as("exactly one request wrote the log").isEqualTo(1);
        assertThat(logIds).hasSize(1);
    }

    @Test
    void redisDownACreateAnswers503WithRetryAfterWhilePopsGoOnAndRedisBackTheRetryWritesOneLog() throws Exception {
        int port = RedisServer.configuredPort();
        String session = session();
        RedisServer.shutDown(port);
        RedisServer again = null;
        try {
            create(session).statusCode(503)
                    .header("Retry-After", equalTo("2"))
                    .body("type", equalTo("urn:callpop:problem:call-log-store-unavailable"))
                    .body("detail", containsString("send the same request again"));
            Api.event("sample", "call-received", """
                    {"contact": {"id": "1001"}, "call": {"id": "c-1", "direction": "inbound", "from": "+14155550100", "phase": "ringing"}}""")
                    .statusCode(200)
                    .body("actions[0].url", equalTo("https://crm.example.com?contactId=1001"));

            again = RedisServer.start(port);
            String logId = create(session).statusCode(201).body("outcome", equalTo("created")).extract().path("logId");
            create(session).statusCode(200).body("outcome", equalTo("existing")).body("logId", equalTo(logId));
        } finally {
            if (again == null) {
                RedisServer.start(port);
            }
        }
    }
}
