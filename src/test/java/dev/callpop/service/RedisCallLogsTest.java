package dev.callpop.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.Api;
import dev.callpop.service.testing.RedisServer;
import dev.callpop.service.testing.SignInProfiles;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Call logs of the sample CRM with the record of written logs in a real Redis ({@code callpop.call-logs.redis-url}):
 * every test of {@link CallLogsTest} (once per session id, also many at once), and Redis down, a create answers 503
 * with {@code Retry-After} and writes nothing while pops go on; Redis back, the same request writes the log, once.
 */
@QuarkusTest
@TestProfile(RedisCallLogsTest.WithRedis.class)
class RedisCallLogsTest extends CallLogsTest {

    /**
     * {@link CallLogsTest}'s settings, with the record in a redis-server of the test's own. Its time-out is 5 s: on the
     * test machines' shared cores twelve creates at once have seen Redis's answers take over the 1 s default (the
     * default itself is checked by {@code RedisSessionLogsTest}; a stopped Redis refuses at once whatever the time-out).
     */
    public static class WithRedis extends SignInProfiles.Unsealed {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisServer.Resource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> settings = new HashMap<>(super.getConfigOverrides());
            settings.put("callpop.call-logs.redis-timeout", "5s");
            return settings;
        }
    }

    private static String newSession() {
        return "s-" + UUID.randomUUID();
    }

    private static String callOf(String session) {
        return "{\"sessionId\": \"" + session + "\", \"contact\": {\"id\": \"1001\"}, \"direction\": \"inbound\", "
                + "\"from\": \"+14155550100\", \"durationSeconds\": 185, \"result\": \"answered\"}";
    }

    private static ValidatableResponse createLog(String session) {
        return given().auth().oauth2(Tokens.client()).contentType(ContentType.JSON).body(callOf(session))
                .when().post("/api/v1/crms/sample/call-logs").then();
    }

    @Test
    void redisDownACreateAnswers503WithRetryAfterWhilePopsGoOnAndRedisBackTheRetryWritesOneLog() throws Exception {
        int port = RedisServer.configuredPort();
        String session = newSession();
        RedisServer.shutDown(port);
        RedisServer again = null;
        try {
            createLog(session).statusCode(503)
                    .header("Retry-After", equalTo("2"))
                    .body("type", equalTo("urn:callpop:problem:call-log-store-unavailable"))
                    .body("detail", containsString("send the same request again"));
            Api.event("sample", "call-received", """
                    {"contact": {"id": "1001"}, "call": {"id": "c-1", "direction": "inbound", "from": "+14155550100", "phase": "ringing"}}""")
                    .statusCode(200)
                    .body("actions[0].url", equalTo("https://crm.example.com?contactId=1001"));

            again = RedisServer.start(port);
            String logId = createLog(session).statusCode(201).body("outcome", equalTo("created")).extract().path("logId");
            createLog(session).statusCode(200).body("outcome", equalTo("existing")).body("logId", equalTo(logId));
        } finally {
            if (again == null) {
                RedisServer.start(port);
            }
        }
    }
}
