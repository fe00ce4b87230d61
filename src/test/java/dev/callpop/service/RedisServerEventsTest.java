package dev.callpop.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.Api;
import dev.callpop.service.testing.EventStream;
import dev.callpop.service.testing.RedisServer;
import dev.callpop.service.testing.TelephonyProfiles;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every test of {@link ServerEventsTest} with the waiting events and the agents' channel in a real Redis (the call
 * logs' {@code callpop.call-logs.redis-url}); and Redis stopped: events answer 503 with {@code Retry-After} and keep
 * nothing while call-received pops go on; Redis back, the same delivery is taken and pops the agent's open stream.
 */
@QuarkusTest
@TestProfile(RedisServerEventsTest.WithRedis.class)
class RedisServerEventsTest extends ServerEventsTest {

    /** {@link TelephonyProfiles} with a redis-server of the test's own. */
    public static class WithRedis extends TelephonyProfiles {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisServer.Resource.class));
        }
    }

    @Test
    void redisDownAnEventAnswers503WithRetryAfterWhilePopsGoOnAndRedisBackTheSameDeliveryPopsTheOpenStream() throws Exception {
        int port = RedisServer.configuredPort();
        String agent = agent();
        String id = UUID.randomUUID().toString();
        RedisServer again = null;
        try (EventStream stream = connected(agent)) {
            RedisServer.shutDown(port);
            post(ringing(agent, id, "+14155550100")).statusCode(503)
                    .header("Retry-After", equalTo("5"))
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:callpop:problem:telephony-event-store-unavailable"));
            Api.event("sample", "call-received", """
                    {"contact": {"id": "1001"}, "call": {"id": "c-1", "direction": "inbound", "from": "+14155550100", "phase": "ringing"}}""")
                    .statusCode(200)
                    .body("actions[0].url", equalTo("https://crm.example.com?contactId=1001"));
            again = RedisServer.start(port);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> given().header("x-api-key", TelephonyProfiles.KEY).contentType("application/json").body(ringing(agent, id, "+14155550100"))
                            .when().post("/api/v1/telephony/{source}/events", TelephonyProfiles.PLAIN).statusCode() == 202);
            assertPopOf(stream.next(java.time.Duration.ofSeconds(20)), "call-" + id);
        } finally {
            if (again == null) {
                RedisServer.start(port);
            }
        }
    }

    @Test
    void anEventKeptAfterRedisAnsweredTooLateIsPoppedWhenThePlatformDeliversItAgain() {
        String agent = agent();
        String id = UUID.randomUUID().toString();
        try (EventStream stream = connected(agent)) {
            // Redis runs the keep after callpop's wait (callpop.call-logs.redis-timeout, 1 s) ended: kept, but answered 503.
            RedisServer.pauseClients(RedisServer.configuredPort(), 2500);
            post(ringing(agent, id, "+14155550100")).statusCode(503);
            // The platform's retry finds it taken: the agent's open stream gets the pop that was never announced.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> given().header("x-api-key", TelephonyProfiles.KEY).contentType("application/json").body(ringing(agent, id, "+14155550100"))
                            .when().post("/api/v1/telephony/{source}/events", TelephonyProfiles.PLAIN).statusCode() == 202);
            assertPopOf(stream.next(), "call-" + id);
            String next = marker(agent);
            assertPopOf(stream.next(), next);
        }
    }
}
