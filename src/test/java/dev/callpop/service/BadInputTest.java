package dev.callpop.service;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.callpop.service.testing.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every bad input is a 4xx problem+json whose type names the kind of problem and whose errors name the
 * field, and no bad input ever yields a URL.
 */
@QuarkusTest
class BadInputTest {

    private static final String PD = "\"hostname\": \"acme.pipedrive.com\"";

    static Stream<Arguments> badEvents() {
        return Stream.of(
                // hostnames that are not the CRM's own
                bad("evil.com", "pipedrive", "call-received", "{\"hostname\": \"evil.com\", \"contact\": {\"id\": \"1\"}}", 400, "host-not-allowed", "hostname"),
                bad("suffix trick", "pipedrive", "call-received", "{\"hostname\": \"acme.pipedrive.com.evil.com\", \"contact\": {\"id\": \"1\"}}", 400, "host-not-allowed", "hostname"),
                bad("bare domain", "pipedrive", "call-received", "{\"hostname\": \"pipedrive.com\", \"contact\": {\"id\": \"1\"}}", 400, "host-not-allowed", "hostname"),
                bad("two labels deep", "pipedrive", "call-received", "{\"hostname\": \"a.b.pipedrive.com\", \"contact\": {\"id\": \"1\"}}", 400, "host-not-allowed", "hostname"),
                bad("prefix trick", "pipedrive", "call-received", "{\"hostname\": \"evilpipedrive.com\", \"contact\": {\"id\": \"1\"}}", 400, "host-not-allowed", "hostname"),
                bad("other CRM's host", "sample", "call-received", "{\"hostname\": \"acme.pipedrive.com\", \"contact\": {\"id\": \"1\"}}", 400, "host-not-allowed", "hostname"),
                // hostnames that are not host names at all
                bad("scheme", "pipedrive", "call-received", "{\"hostname\": \"https://acme.pipedrive.com\", \"contact\": {\"id\": \"1\"}}", 400, "invalid-request", "hostname"),
                bad("user info", "pipedrive", "call-received", "{\"hostname\": \"evil.com@acme.pipedrive.com\", \"contact\": {\"id\": \"1\"}}", 400, "invalid-request", "hostname"),
                bad("port", "pipedrive", "call-received", "{\"hostname\": \"acme.pipedrive.com:8443\", \"contact\": {\"id\": \"1\"}}", 400, "invalid-request", "hostname"),
                bad("path", "pipedrive", "call-received", "{\"hostname\": \"acme.pipedrive.com/x\", \"contact\": {\"id\": \"1\"}}", 400, "invalid-request", "hostname"),
                bad("IPv4 literal", "pipedrive", "call-received", "{\"hostname\": \"127.0.0.1\", \"contact\": {\"id\": \"1\"}}", 400, "invalid-request", "hostname"),
                bad("IPv6 literal", "pipedrive", "call-received", "{\"hostname\": \"[::1]\", \"contact\": {\"id\": \"1\"}}", 400, "invalid-request", "hostname"),
                bad("trailing dot", "pipedrive", "call-received", "{\"hostname\": \"acme.pipedrive.com.\", \"contact\": {\"id\": \"1\"}}", 400, "invalid-request", "hostname"),
                bad("cyrillic look-alike", "pipedrive", "call-received", "{\"hostname\": \"\u0430cme.pipedrive.com\", \"contact\": {\"id\": \"1\"}}", 400, "invalid-request", "hostname"),
                bad("space", "pipedrive", "call-received", "{\"hostname\": \"acme .pipedrive.com\", \"contact\": {\"id\": \"1\"}}", 400, "invalid-request", "hostname"),
                bad("newline", "pipedrive", "call-received", "{\"hostname\": \"acme.pipedrive.com\\n\", \"contact\": {\"id\": \"1\"}}", 400, "invalid-request", "hostname"),
                bad("over-long", "pipedrive", "call-received", "{\"hostname\": \"" + "a.".repeat(130) + "pipedrive.com\", \"contact\": {\"id\": \"1\"}}", 400, "invalid-request", "hostname"),
                bad("backslash", "pipedrive", "call-received", "{\"hostname\": \"acme.pipedrive.com\\\\@evil.com\", \"contact\": {\"id\": \"1\"}}", 400, "invalid-request", "hostname"),
                // contact ids that would change the URL's path or query
                bad("dot-dot path", "pipedrive", "call-received", "{" + PD + ", \"contact\": {\"id\": \"../admin\"}}", 400, "invalid-request", "contact.id"),
                bad("query", "pipedrive", "call-received", "{" + PD + ", \"contact\": {\"id\": \"1?next=x\"}}", 400, "invalid-request", "contact.id"),
                bad("slash", "pipedrive", "call-received", "{" + PD + ", \"contact\": {\"id\": \"a/b\"}}", 400, "invalid-request", "contact.id"),
                bad("fragment", "pipedrive", "call-received", "{" + PD + ", \"contact\": {\"id\": \"a#b\"}}", 400, "invalid-request", "contact.id"),
                bad("percent-encoded", "pipedrive", "call-received", "{" + PD + ", \"contact\": {\"id\": \"%2e%2e\"}}", 400, "invalid-request", "contact.id"),
                bad("NUL", "pipedrive", "call-received", "{" + PD + ", \"contact\": {\"id\": \"1\\u0000\"}}", 400, "invalid-request", "contact.id"),
                bad("header injection", "pipedrive", "call-received", "{" + PD + ", \"contact\": {\"id\": \"1\\r\\nSet-Cookie: a=b\"}}", 400, "invalid-request", "contact.id"),
                bad("over-long id", "pipedrive", "call-received", "{" + PD + ", \"contact\": {\"id\": \"" + "1".repeat(129) + "\"}}", 400, "invalid-request", "contact.id"),
                bad("empty id", "pipedrive", "call-received", "{" + PD + ", \"contact\": {\"id\": \"\"}}", 400, "invalid-request", "contact.id"),
                bad("leading space", "pipedrive", "call-received", "{" + PD + ", \"contact\": {\"id\": \" 42\"}}", 400, "invalid-request", "contact.id"),
                bad("javascript scheme", "sample", "call-received", "{\"contact\": {\"id\": \"javascript:alert(1)\"}}", 400, "invalid-request", "contact.id"),
                bad("dot only", "sample", "call-received", "{\"contact\": {\"id\": \".\"}}", 400, "invalid-request", "contact.id"),
                // other malformed fields
                bad("direction", "sample", "call-received", "{\"contact\": {\"id\": \"1\"}, \"call\": {\"direction\": \"sideways\"}}", 400, "invalid-request", "call.direction"),
                bad("phase", "sample", "call-received", "{\"contact\": {\"id\": \"1\"}, \"call\": {\"phase\": \"hung-up\"}}", 400, "invalid-request", "call.phase"),
                bad("phone scheme", "sample", "call-received", "{\"call\": {\"from\": \"javascript:alert(1)\"}}", 400, "invalid-request", "call.from"),
                bad("phone data URL", "sample", "call-received", "{\"contact\": {\"phone\": \"data:text/html,x\"}}", 400, "invalid-request", "contact.phone"),
                bad("call id", "sample", "call-received", "{\"call\": {\"id\": \"c/1\"}}", 400, "invalid-request", "call.id"),
                bad("name with control character", "sample", "call-received", "{\"contact\": {\"name\": \"Ada\\u0007\"}}", 400, "invalid-request", "contact.name"),
                bad("malformed type", "bullhorn", "call-received", "{\"hostname\": \"cls21.bullhornstaffing.com\", \"contact\": {\"id\": \"1\", \"type\": \"Lead<script>\"}}", 400, "invalid-request", "contact.type"),
                bad("unknown type", "bullhorn", "call-received", "{\"hostname\": \"cls21.bullhornstaffing.com\", \"contact\": {\"id\": \"1\", \"type\": \"Placement\"}}", 400, "unknown-contact-type", "contact.type"),
                bad("missing type", "bullhorn", "call-received", "{\"hostname\": \"cls21.bullhornstaffing.com\", \"contact\": {\"id\": \"1\"}}", 400, "invalid-request", "contact.type"),
                // bodies that are not the event
                bad("contact is a string", "sample", "call-received", "{\"contact\": \"x\"}", 400, "malformed-json", null),
                bad("id is an array", "sample", "call-received", "{\"contact\": {\"id\": [\"1\"]}}", 400, "malformed-json", null),
                bad("not JSON", "sample", "call-received", "nope", 400, "malformed-json", null),
                bad("truncated JSON", "sample", "call-received", "{\"contact\": {\"id\": \"1\"}", 400, "malformed-json", null),
                bad("array body", "sample", "call-received", "[]", 400, "malformed-json", null),
                bad("empty body", "sample", "call-received", "", 400, "invalid-request", "body"),
                bad("null body", "sample", "call-received", "null", 400, "invalid-request", "body"),
                bad("deep nesting", "sample", "call-received", "{\"x\": " + "[".repeat(2000) + "]".repeat(2000) + "}", 400, "malformed-json", null),
                // open-log-page
                bad("missing log id", "sample", "open-log-page", "{}", 400, "invalid-request", "logId"),
                bad("log id path", "sample", "open-log-page", "{\"logId\": \"../../admin\"}", 400, "invalid-request", "logId"),
                bad("log id query", "sample", "open-log-page", "{\"logId\": \"1?next=https://evil.com\"}", 400, "invalid-request", "logId"),
                bad("log id over-long", "sample", "open-log-page", "{\"logId\": \"" + "9".repeat(129) + "\"}", 400, "invalid-request", "logId"),
                bad("log contact id", "pipedrive", "open-log-page", "{" + PD + ", \"logId\": \"1\", \"contact\": {\"id\": \"a/b\"}}", 400, "invalid-request", "contact.id"),
                bad("no log page, no contact", "pipedrive", "open-log-page", "{" + PD + ", \"logId\": \"1\"}", 422, "log-page-unavailable", "contact.id"),
                bad("log host", "bullhorn", "open-log-page", "{\"hostname\": \"evil.com\", \"logId\": \"1\"}", 400, "host-not-allowed", "hostname"),
                // logout
                bad("token with newline", "pipedrive", "logout", "{" + PD + ", \"tokens\": {\"accessToken\": \"a\\nb\"}}", 400, "invalid-request", "tokens.accessToken"),
                bad("token too long", "pipedrive", "logout", "{" + PD + ", \"tokens\": {\"refreshToken\": \"" + "t".repeat(4097) + "\"}}", 400, "invalid-request", "tokens.refreshToken"),
                bad("tokens is a string", "pipedrive", "logout", "{" + PD + ", \"tokens\": \"abc\"}", 400, "malformed-json", null),
                bad("logout host", "pipedrive", "logout", "{\"hostname\": \"evil.com\"}", 400, "host-not-allowed", "hostname"),
                bad("logout without host", "pipedrive", "logout", "{}", 400, "invalid-request", "hostname"));
    }

    private static Arguments bad(String name, String crm, String event, String body, int status, String kind, String field) {
        return Arguments.of(name, crm, event, body, status, kind, field);
    }

    @ParameterizedTest(name = "{1} {2}: {0} -> {4} {5}")
    @MethodSource("badEvents")
    void badEventIsRefusedWithAProblemNamingTheField(String name, String crm, String event, String body, int status,
                                                       String kind, String field) {
        ValidatableResponse response = Api.event(crm, event, body)
                .statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:" + kind))
                .body("status", equalTo(status))
                .body("instance", equalTo("/api/v1/crms/" + crm + "/" + event))
                .body("actions", equalTo(null));
        if (field != null) {
            response.body("errors.field", hasItem(field));
        }
    }

    static Stream<Arguments> hostilePaths() {
        return Stream.of(
                Arguments.of("/api/v1/crms/..%2F..%2Fq%2Fhealth", 404),
                Arguments.of("/api/v1/crms/%00", 404),
                Arguments.of("/api/v1/crms/" + "x".repeat(300), 404),
                Arguments.of("/api/v1/crms/pipedrive%0D%0ASet-Cookie:%20a=b", 404),
                Arguments.of("/api/v1/crms/javascript:alert(1)", 404),
                Arguments.of("/api/v1/crms/PIPEDRIVE", 404),
                Arguments.of("/api/v1/crms/sample/call-received%3Fx", 404));
    }

    @ParameterizedTest(name = "GET {0} -> {1}")
    @MethodSource("hostilePaths")
    void hostilePathsAreRefusedWithAProblem(String path, int status) {
        Api.asClient().urlEncodingEnabled(false).when().get(path).then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("type", startsWith("urn:callpop:problem:"))
                .body("detail", not(containsString("Set-Cookie")));
    }

    @Test
    void aBodyThatIsNotJsonMediaTypeIs415() {
        Api.asClient().contentType("text/plain").body("contact=1")
                .when().post("/api/v1/crms/sample/call-received")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:http-415"));
    }

    @Test
    void theWrongMethodIs405() {
        Api.get("/api/v1/crms/sample/call-received")
                .statusCode(405)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:callpop:problem:http-405"));
    }

    @Test
    void anUnknownEventIs404() {
        Api.event("sample", "call-ended", "{}")
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", startsWith("urn:callpop:problem:"));
    }

    @Test
    void aCrmNameWithOddCharactersIsNotEchoed() {
        Api.get("/api/v1/crms/%3Cscript%3E")
                .statusCode(404)
                .body("type", equalTo("urn:callpop:problem:unknown-crm"))
                .body("detail", not(containsString("<script>")));
    }

    @Test
    void aHugeHeaderIsRefusedBeforeParsing() {
        Api.asClient().header("X-Padding", "x".repeat(20_000))
                .when().get("/api/v1/crms")
                .then().statusCode(431);
    }

    @Test
    void aHugeBodyIsRefusedBeforeParsing() {
        Api.event("sample", "call-received", "{\"contact\": {\"name\": \"" + "x".repeat(20_000) + "\"}}")
                .statusCode(413);
    }
}
