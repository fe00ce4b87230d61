package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.callpop.adapter.bullhorn.BullhornFake;
import dev.callpop.adapter.pipedrive.PipedriveFake;
import dev.callpop.service.testing.Api;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Neither callpop's bearer tokens nor a user's CRM tokens ever reach a log line. Reads the log file the
 * test profile's handlers write, so it checks what an operator would see.
 */
@QuarkusTest
class NoSecretsInLogsTest {

    private static final Path LOG = Path.of("target", "callpop-test.log");

    @PipedriveFake.Server
    WireMockServer pipedrive;

    @BullhornFake.Server
    WireMockServer bullhorn;

    @Test
    void tokensNeverReachTheLog() throws IOException {
        String bearer = Tokens.client();
        String tampered = bearer + "x";
        String expired = Tokens.sign(Tokens.claims("callpop").issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)));
        String crmAccess = "pd-access-" + System.nanoTime();
        String crmRefresh = "pd-refresh-" + System.nanoTime();

        Api.event(bearer, "pipedrive", "logout",
                "{\"hostname\": \"acme.pipedrive.com\", \"tokens\": {\"accessToken\": \"" + crmAccess + "\", \"refreshToken\": \"" + crmRefresh + "\"}}")
                .statusCode(200);
        Api.event(expired, "pipedrive", "logout", "{\"hostname\": \"acme.pipedrive.com\"}").statusCode(401);
        Api.event(bearer, "pipedrive", "logout",
                "{\"hostname\": \"evil.com\", \"tokens\": {\"accessToken\": \"" + crmAccess + "\"}}").statusCode(400);
        Api.event(bearer, "pipedrive", "logout",
                "{\"hostname\": \"acme.pipedrive.com\", \"tokens\": {\"accessToken\": \"" + crmAccess + "\\n\"}}").statusCode(400);
        given().auth().oauth2(tampered).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/crms/sample/call-received").then().statusCode(401);

        String crmToken = "pd-user-token-" + System.nanoTime();
        String bullhornToken = "bh-user-token-" + System.nanoTime();
        pipedrive.resetAll();
        bullhorn.resetAll();
        PipedriveFake.searchAnswers(pipedrive, 401);
        given().auth().oauth2(bearer).header("X-CRM-Token", crmToken).contentType(ContentType.JSON)
                .body("{\"hostname\": \"acme.pipedrive.com\", \"call\": {\"from\": \"+14155550130\"}}")
                .when().post("/api/v1/crms/pipedrive/call-received").then().statusCode(403);
        BullhornFake.searchAnswers(bullhorn, 500);
        given().auth().oauth2(bearer).header("X-CRM-Token", bullhornToken).header("X-CRM-Api-Url", BullhornFake.restUrl(bullhorn))
                .contentType(ContentType.JSON)
                .body("{\"hostname\": \"cls21.bullhornstaffing.com\", \"call\": {\"from\": \"+14155550131\"}}")
                .when().post("/api/v1/crms/bullhorn/call-received").then().statusCode(200);
        PipedriveFake.revocationAnswers(pipedrive, 400);
        Api.event(bearer, "pipedrive", "logout",
                "{\"hostname\": \"acme.pipedrive.com\", \"tokens\": {\"refreshToken\": \"" + crmRefresh + "\"}}").statusCode(200);

        String log = Files.readString(LOG);
        assertThat(log).as("the refused tokens were logged, redacted").contains("Token verification has failed").contains("<redacted>");
        String signature = bearer.substring(bearer.lastIndexOf('.') + 1);
        String payload = bearer.split("\\.")[1];
        assertThat(log).as("the failing CRM calls were logged").contains("CRM 'bullhorn'");
        for (String secret : List.of(bearer, tampered, expired, crmAccess, crmRefresh, signature, payload, crmToken, bullhornToken,
                PipedriveFake.CLIENT_SECRET)) {
            assertThat(log).doesNotContain(secret);
        }
    }
}
