package dev.callpop.service;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.callpop.adapter.pipedrive.PipedriveFake;
import dev.callpop.service.testing.Api;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Logout through callpop revokes the user's Pipedrive tokens, against the Pipedrive module's fake: callpop's answer
 * (the client's clean-up, each server step and its outcome). What Pipedrive is sent (each token, in which order, with
 * the app's credentials) is the module's {@code PipedriveTokenRevocationTest}.
 */
@QuarkusTest
class PipedriveLogoutTest {

    @PipedriveFake.Server
    WireMockServer oauth;

    @BeforeEach
    void reset() {
        oauth.resetAll();
        PipedriveFake.revokes(oauth);
    }

    private static String logout(String tokens) {
        return "{\"hostname\": \"acme.pipedrive.com\", \"tokens\": " + tokens + "}";
    }

    @Test
    void revokesBothTokensAndAnswersTheClientsCleanUpAndEachStep() {
        Api.event("pipedrive", "logout", logout("{\"accessToken\": \"pd-access-1\", \"refreshToken\": \"pd-refresh-1\"}"))
                .statusCode(200)
                .body("actions[0].type", equalTo("remove-storage"))
                .body("steps.name", contains("revoke-refresh-token", "revoke-access-token"))
                .body("steps.outcome", contains("done", "done"));
        oauth.verify(2, postRequestedFor(urlPathEqualTo(PipedriveFake.REVOKE)));
    }
}
