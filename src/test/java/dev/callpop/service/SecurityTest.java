package dev.callpop.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.callpop.service.testing.Api;
import dev.callpop.service.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** Who may call callpop: real signed tokens from the test issuer, and every way a token can be wrong. */
@QuarkusTest
class SecurityTest {

    private static final String PIPEDRIVE_CALL = "{\"hostname\": \"acme.pipedrive.com\", \"contact\": {\"id\": \"1\"}}";

    static Stream<Arguments> badTokens() throws NoSuchAlgorithmException {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        return Stream.of(
                Arguments.of("expired", Tokens.sign(Tokens.claims("callpop")
                        .issuedAt(Instant.now().minusSeconds(7200)).expiresAt(Instant.now().minusSeconds(3600)))),
                Arguments.of("wrong issuer", Tokens.sign(Tokens.claims("callpop").issuer("https://evil.example.com"))),
                Arguments.of("wrong audience", Tokens.sign(Tokens.claims("callpop").audience("another-service"))),
                Arguments.of("signed by another key", Tokens.claims("callpop").jws().keyId("1").sign(rsa.generateKeyPair().getPrivate())),
                Arguments.of("not a JWT", "not-a-token"),
                Arguments.of("unsigned (alg none)", unsigned("{\"iss\":\"" + Tokens.ISSUER + "\",\"aud\":\"" + Tokens.AUDIENCE
                        + "\",\"sub\":\"agent-7\",\"groups\":[\"callpop\"],\"exp\":" + Instant.now().plusSeconds(600).getEpochSecond() + "}")));
    }

    /** A token with a valid payload and no signature, which the library rightly refuses to build. */
    private static String unsigned(String claimsJson) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    @Test
    void noTokenIs401Problem() {
        given().contentType(ContentType.JSON).body(PIPEDRIVE_CALL)
                .when().post("/api/v1/crms/pipedrive/call-received")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:callpop:problem:unauthenticated"));
    }

    @Test
    void theListingNeedsATokenToo() {
        given().when().get("/api/v1/crms").then()
                .statusCode(401)
                .body("type", equalTo("urn:callpop:problem:unauthenticated"));
    }

    @ParameterizedTest(name = "{0} token is 401")
    @MethodSource("badTokens")
    void aBadTokenIs401Problem(String name, String token) {
        Api.event(token, "pipedrive", "call-received", PIPEDRIVE_CALL)
                .statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:unauthenticated"));
    }

    @Test
    void aValidTokenWithTheClientRoleIsServed() {
        Api.event(Tokens.client(), "pipedrive", "call-received", PIPEDRIVE_CALL)
                .statusCode(200)
                .body("actions[0].url", equalTo("https://acme.pipedrive.com/person/1"));
    }

    @Test
    void aCachedTokenKeepsItsLimits() {
        String client = Tokens.sign(Tokens.claims("callpop").subject("agent-" + System.nanoTime())
                .claim("crm_hosts", List.of("globex.pipedrive.com")));
        for (int attempt = 1; attempt <= 2; attempt++) {
            given().auth().oauth2(client).when().get("/api/v1/admin/crms").then()
                    .statusCode(403).body("type", equalTo("urn:callpop:problem:forbidden"));
            Api.event(client, "pipedrive", "call-received", PIPEDRIVE_CALL)
                    .statusCode(403).body("type", equalTo("urn:callpop:problem:tenant-host-forbidden"));
        }
    }

    @Test
    void aValidTokenWithoutTheClientRoleIs403Problem() {
        Api.event(Tokens.sign(Tokens.claims("someone-else")), "pipedrive", "call-received", PIPEDRIVE_CALL)
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:forbidden"));
    }

    @Test
    void theAdminReportNeedsTheAdminRole() {
        given().auth().oauth2(Tokens.client()).when().get("/api/v1/admin/crms").then()
                .statusCode(403)
                .body("type", equalTo("urn:callpop:problem:forbidden"));
    }

    @Test
    void theAdminReportShowsEveryAdapterWithItsClass() {
        given().auth().oauth2(Tokens.admin()).when().get("/api/v1/admin/crms").then()
                .statusCode(200)
                .body("id", hasItems("bullhorn", "pipedrive", "sample"))
                .body("find { it.id == 'pipedrive' }.definedBy", equalTo("dev.callpop.adapter.pipedrive.PipedriveCrmAdapter"))
                .body("find { it.id == 'pipedrive' }.enabled", equalTo(true))
                .body("find { it.id == 'pipedrive' }.settings.canOpenLogPage", equalTo(false));
    }

    @Test
    void aTenantTokenMayUseItsOwnHost() {
        String token = Tokens.sign(Tokens.claims("callpop").claim("crm_hosts", List.of("acme.pipedrive.com", "cls21.bullhornstaffing.com")));
        Api.event(token, "pipedrive", "call-received", PIPEDRIVE_CALL)
                .statusCode(200);
    }

    @Test
    void aTenantTokenIsRefusedAnotherOrganisationsHost() {
        String token = Tokens.sign(Tokens.claims("callpop").claim("crm_hosts", List.of("globex.pipedrive.com")));
        Api.event(token, "pipedrive", "call-received", PIPEDRIVE_CALL)
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:tenant-host-forbidden"));
    }

    @Test
    void aTenantTokenIsRefusedTheDefaultHostItDoesNotOwn() {
        String token = Tokens.sign(Tokens.claims("callpop").claim("crm_hosts", List.of("globex.pipedrive.com")));
        Api.event(token, "sample", "call-received", "{\"contact\": {\"id\": \"1\"}}")
                .statusCode(403)
                .body("type", equalTo("urn:callpop:problem:tenant-host-forbidden"));
    }

    @Test
    void aTenantTokenIsCheckedOnEveryEvent() {
        String token = Tokens.sign(Tokens.claims("callpop").claim("crm_hosts", "globex.pipedrive.com"));
        Api.event(token, "pipedrive", "open-log-page", "{\"hostname\": \"acme.pipedrive.com\", \"logId\": \"1\", \"contact\": {\"id\": \"1\"}}")
                .statusCode(403)
                .body("type", equalTo("urn:callpop:problem:tenant-host-forbidden"));
        Api.event(token, "pipedrive", "logout", "{\"hostname\": \"acme.pipedrive.com\"}")
                .statusCode(403)
                .body("type", equalTo("urn:callpop:problem:tenant-host-forbidden"));
    }

    @Test
    void aTenantPatternCoversItsSubdomains() {
        String token = Tokens.sign(Tokens.claims("callpop").claim("crm_hosts", List.of("*.bullhornstaffing.com")));
        Api.event(token, "bullhorn", "call-received", "{\"hostname\": \"cls21.bullhornstaffing.com\", \"contact\": {\"id\": \"1\", \"type\": \"Lead\"}}")
                .statusCode(200);
    }

    @Test
    void aMalformedTenantClaimAllowsNothing() {
        String token = Tokens.sign(Tokens.claims("callpop").claim("crm_hosts", List.of("https://acme.pipedrive.com/")));
        Api.event(token, "pipedrive", "call-received", PIPEDRIVE_CALL)
                .statusCode(403)
                .body("type", equalTo("urn:callpop:problem:tenant-host-forbidden"));
    }

    @Test
    void corsPreflightFromTheExtensionIsAllowed() {
        given().header("Origin", "chrome-extension://abcdefghijklmnopabcdefghijklmnop")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .when().options("/api/v1/crms/sample/call-received")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "chrome-extension://abcdefghijklmnopabcdefghijklmnop");
    }

    @Test
    void corsFromTheSoftphoneOriginIsAllowedOnARealRequest() {
        Api.asClient().header("Origin", "https://softphone.example.com")
                .when().get("/api/v1/crms")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "https://softphone.example.com");
    }

    @Test
    void corsPreflightFromAnotherOriginIsRefused() {
        refusedOrigin(given().header("Origin", "https://evil.example.com")
                .header("Access-Control-Request-Method", "POST")
                .when().options("/api/v1/crms/sample/call-received")
                .then());
    }

    @Test
    void aCrossOriginRequestFromAnotherOriginIsRefused() {
        refusedOrigin(Api.asClient().header("Origin", "https://evil.example.com")
                .contentType(ContentType.JSON).body("{\"contact\": {\"id\": \"1\"}}")
                .when().post("/api/v1/crms/sample/call-received")
                .then());
    }

    /** A page on an origin callpop does not allow: a 403 problem naming the origin and the setting, no CORS header. */
    private static void refusedOrigin(ValidatableResponse answer) {
        answer.statusCode(403)
                .header("Access-Control-Allow-Origin", (String) null)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:origin-not-allowed"))
                .body("title", equalTo("Origin not allowed"))
                .body("status", equalTo(403))
                .body("detail", equalTo("A page on https://evil.example.com may not call callpop: its origin is not in quarkus.http.cors.origins."
                        + " The operator adds it there (comma-separated), for example -Dquarkus.http.cors.origins=https://evil.example.com"
                        + " or QUARKUS_HTTP_CORS_ORIGINS=https://evil.example.com."))
                .body("instance", equalTo("/api/v1/crms/sample/call-received"));
    }

    @Test
    void theReferenceClientIsServedToAnyOrigin() {
        given().header("Origin", "https://evil.example.com")
                .when().get("/client/callpop-client.js")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", "*")
                .body(containsString("export function createCallpopClient"));
    }

    @Test
    void aRequestFromCallpopsOwnOriginNeedsNoSetting() {
        Api.asClient().header("Origin", RestAssured.baseURI + ":" + RestAssured.port)
                .when().get("/api/v1/crms")
                .then().statusCode(200);
    }
}
