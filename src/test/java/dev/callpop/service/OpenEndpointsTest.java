package dev.callpop.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import dev.callpop.service.testing.Api;
import io.quarkus.test.junit.QuarkusTest;

/** Health and the OpenAPI document need no token; everything under /api does. */
@QuarkusTest
class OpenEndpointsTest {

    @Test
    void healthIsOpen() {
        given().when().get("/q/health").then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }

    /** Telephony platforms post with their source's key or signature, never an agent's token: the bearer check is not theirs. */
    @Test
    void telephonyEventsAreNotBehindTheAgentsToken() {
        given().contentType("application/json").body("{}").when().post("/api/v1/telephony/{source}/events", "nosuchsource").then()
                .statusCode(404)
                .header("WWW-Authenticate", org.hamcrest.Matchers.nullValue())
                .body("type", equalTo("urn:callpop:problem:unknown-telephony-source"));
    }

    @Test
    void agentStreamsNeedTheAgentsToken() {
        given().accept("text/event-stream").when().get("/api/v1/crms/sample/agent-events").then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void theOpenApiDocumentIsOpen() {
        given().when().get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("paths.'/api/v1/crms/{crm}/call-received'.post", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void readinessReportsEachEnabledCrmsConfigurationWithoutCallingIt() {
        given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.find { it.name == 'crms' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'crms' }.data.pipedrive", org.hamcrest.Matchers.containsString("phone look-up on"))
                .body("checks.find { it.name == 'crms' }.data.sample", org.hamcrest.Matchers.containsString("default crm.example.com"));
    }

    @Test
    void swaggerUiIsServedForClientDevelopers() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void theOpenApiDocumentHasAnExampleForEachEvent() {
        given().when().get("/q/openapi?format=json").then()
                .statusCode(200)
                .body("paths.'/api/v1/crms/{crm}/call-received'.post.requestBody.content.'application/json'.examples.'number only'.value.call.from",
                        equalTo("(415) 555-0100"))
                .body("paths.'/api/v1/crms/{crm}/open-log-page'.post.requestBody.content.'application/json'.examples", org.hamcrest.Matchers.notNullValue())
                .body("paths.'/api/v1/crms/{crm}/logout'.post.requestBody.content.'application/json'.examples", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aRequestIdIsEchoedOrMade() {
        Api.asClient().header("X-Request-Id", "softphone-123").when().get("/api/v1/crms").then()
                .statusCode(200)
                .header("X-Request-Id", "softphone-123");
        Api.asClient().header("X-Request-Id", "bad id with spaces").when().get("/api/v1/crms").then()
                .statusCode(200)
                .header("X-Request-Id", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void metricsAreScrapedInThePrometheusFormat() {
        Api.event("sample", "call-received", "{\"contact\": {\"id\": \"1\"}}").statusCode(200);
        Api.event("nosuchcrm", "call-received", "{}").statusCode(404);
        given().when().get("/q/metrics").then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("callpop_events_total{crm=\"sample\",event=\"call-received\",status=\"2xx\"}"))
                .body(org.hamcrest.Matchers.containsString("callpop_events_total{crm=\"unknown\",event=\"call-received\",status=\"4xx\"}"))
                .body(org.hamcrest.Matchers.containsString("callpop_circuit_breaker_state{crm=\"pipedrive\"}"))
                .body(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes"))
                .body(org.hamcrest.Matchers.containsString("http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\",status=\"200\",uri=\"/api/v1/crms/{crm}/call-received\"}"))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("nosuchcrm")));
    }

    @Test
    void theBrowserClientIsServedAtAStablePath() {
        given().when().get("/client/callpop-client.js").then()
                .statusCode(200)
                .contentType(org.hamcrest.Matchers.containsString("javascript"))
                .body(org.hamcrest.Matchers.containsString("export function createCallpopClient"));
    }
}
