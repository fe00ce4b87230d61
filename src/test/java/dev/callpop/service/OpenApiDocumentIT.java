package dev.callpop.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import dev.callpop.service.api.EventAnswer;
import dev.callpop.service.api.ProblemAnswers;
import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.serverevents.TelephonyEventResource;
import dev.callpop.service.testing.DocumentedAnswers;
import dev.callpop.service.testing.LocalCallpop;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The OpenAPI document the packaged application serves in the local profile: valid OpenAPI (swagger-parser), every
 * operation described with its answers, every action a schema, and every example answering as shown. Each request
 * example is sent as it is (on this instance's port) and its answer compared with the response example of the same
 * name ({@link DocumentedAnswers}: tokens, codes and instants vary) and validated against the schema the document gives
 * that answer (networknt's JSON Schema validator, OpenAPI 3.1 dialect). Two examples hold values only a live sign-in has:
 * a completion's code and state (from a started sign-in and the sample CRM's stand-in page) and a refresh's token
 * (from that completion); the test fetches them the way a client does.
 */
class OpenApiDocumentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> METHODS = List.of("post", "put", "patch", "get", "delete");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** The local profile's published development key of its telephony source {@code local-phone}. */
    private static final String LOCAL_TELEPHONY_KEY = "local-telephony-key-Q2hx8sVd1mKp0RzT7wYbN4eLc9fJ";
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());

    private static LocalCallpop callpop;
    private static String raw;
    private static JsonNode document;

    @BeforeAll
    static void start() throws Exception {
        callpop = LocalCallpop.start();
        raw = HTTP.send(HttpRequest.newBuilder(callpop.uri("/q/openapi?format=json")).build(), HttpResponse.BodyHandlers.ofString()).body();
        document = JSON.readTree(raw);
    }

    @AfterAll
    static void stop() throws Exception {
        callpop.close();
    }

    @Test
    void theDocumentIsValidOpenApi() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(raw, null, options);
        assertThat(parsed.getMessages()).as("swagger-parser's findings").isEmpty();
        assertThat(parsed.getOpenAPI()).isNotNull();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.");
    }

    @Test
    void everyActionIsASchemaOfTheUnionOnType() {
        JsonNode action = document.at("/components/schemas/Action");
        assertThat(action.at("/discriminator/propertyName").asText()).isEqualTo("type");
        Set<String> types = new HashSet<>();
        action.at("/discriminator/mapping").fieldNames().forEachRemaining(types::add);
        assertThat(types).containsExactlyInAnyOrder("open-url", "remove-storage", "clear-cookies", "choose-contact");
        assertThat(action.get("oneOf")).as("one schema per kind of action the service answers")
                .hasSize(EventAnswer.Action.class.getPermittedSubclasses().length).hasSize(types.size());
        for (String type : types) {
            JsonNode schema = schema(action.at("/discriminator/mapping/" + type).asText());
            assertThat(schema.at("/properties/type/const").asText()).as(type).isEqualTo(type);
            assertThat(schema.path("description").asText()).as(type + " is described").isNotBlank();
            schema.path("properties").fields().forEachRemaining(field -> {
                if (!field.getKey().equals("type")) {
                    assertThat(field.getValue().has("description") || field.getValue().has("enum")).as(type + "." + field.getKey() + " is documented").isTrue();
                }
            });
        }
        assertThat(document.at("/components/schemas/EventAnswer/properties/actions/items/$ref").asText()).isEqualTo("#/components/schemas/Action");
    }

    @Test
    void theSchemasRefuseAnAnswerThatIsNotOne() throws Exception {
        JsonNode eventAnswer = withComponents(JSON.readTree("{\"$ref\": \"#/components/schemas/EventAnswer\"}"));
        assertThat(SCHEMAS.getSchema(eventAnswer).validate(JSON.readTree(
                "{\"crm\":\"sample\",\"event\":\"call-received\",\"actions\":[{\"type\":\"open-url\",\"url\":\"https://crm.example.com\",\"target\":\"tab\"}]}")))
                .isEmpty();
        assertThat(SCHEMAS.getSchema(eventAnswer).validate(JSON.readTree(
                "{\"crm\":\"sample\",\"event\":\"call-received\",\"actions\":[{\"type\":\"open-url\",\"target\":\"tab\"}]}")))
                .as("an open-url without its url").isNotEmpty();
        assertThat(SCHEMAS.getSchema(eventAnswer).validate(JSON.readTree(
                "{\"crm\":\"sample\",\"event\":\"call-received\",\"actions\":[{\"type\":\"open-window\",\"url\":\"https://crm.example.com\"}]}")))
                .as("an action of no documented type").isNotEmpty();
    }

    @Test
    void everyFieldOfTheClientsApiIsDescribed() {
        List<String> undescribed = new ArrayList<>();
        for (String name : List.of("CallReceivedRequest", "ContactRequest", "CallRequest", "PreferencesRequest", "OpenLogPageRequest", "LogoutRequest",
                "TokensRequest", "CallLogRequest", "CallLogChangeRequest", "SignInStartRequest", "SignInCompleteRequest", "RefreshRequest",
                "EventAnswer", "Match", "Choice", "Step", "CallLogAnswer", "SignInStartAnswer", "SignInAnswer", "Problem", "CrmListAnswer", "CrmAnswer",
                "Preferences", "Preference", "ContactType")) {
            JsonNode schema = document.at("/components/schemas/" + name);
            assertThat(schema.isMissingNode()).as(name).isFalse();
            schema.path("properties").fields().forEachRemaining(field -> {
                if (!field.getValue().has("description") && !field.getValue().has("enum") && !field.getValue().has("$ref")) {
                    undescribed.add(name + "." + field.getKey());
                }
            });
        }
        assertThat(undescribed).isEmpty();
    }

    @Test
    void everyOperationIsDescribedWithItsProblems() {
        assertThat(raw).as("no setting left unexpanded").doesNotContain("${");
        assertThat(raw).as("the problem kinds' extension is read and removed").doesNotContain(ProblemAnswers.PROBLEMS);
        JsonNode problemType = document.at("/components/schemas/Problem/properties/type");
        for (ProblemKind kind : ProblemKind.values()) {
            assertThat(problemType.path("description").asText()).contains(ProblemKind.TYPE_PREFIX + kind.slug());
        }
        operations().forEach((name, operation) -> {
            assertThat(operation.path("summary").asText()).as(name + " summary").isNotBlank();
            assertThat(operation.path("description").asText()).as(name + " description").isNotBlank();
            assertThat(operation.path("operationId").asText()).as(name + " operationId").isNotBlank();
            if (name.contains("/telephony/")) {
                assertThat(operation.at("/security/0/" + TelephonyEventResource.WEBHOOK_KEY).isArray()).as(name + " a source's key").isTrue();
            } else {
                assertThat(operation.at("/security/0/bearer").toString()).as(name + " roles").matches("\\[\"callpop(-admin)?\"]");
            }
            operation.path("responses").fields().forEachRemaining(response -> {
                if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                    assertThat(response.getValue().at("/content/application~1problem+json/schema/$ref").asText())
                            .as(name + " " + response.getKey()).isEqualTo("#/components/schemas/Problem");
                    assertThat(response.getValue().path("description").asText()).as(name + " " + response.getKey()).contains("`");
                } else {
                    assertThat(response.getValue().path("content").size()).as(name + " " + response.getKey() + " has a body").isPositive();
                }
            });
            if (name.contains("{crm}")) {
                assertThat(operation.at("/responses/404/description").asText()).as(name).contains(ProblemKind.UNKNOWN_CRM.slug());
            }
        });
        // Each operation lists its own kinds: the listing names none but a token's.
        JsonNode list = document.at("/paths/~1api~1v1~1crms/get/responses");
        assertThat(list.path("403").path("description").asText()).isEqualTo("`forbidden`: Forbidden");
        assertThat(list.has("400")).isFalse();
        assertThat(document.at("/paths/~1api~1v1~1crms~1{crm}~1call-received/post/responses/403/description").asText())
                .contains("`tenant-host-forbidden`", "`crm-credential-host-mismatch`", "`crm-reauthentication-required`");
    }

    @Test
    void everyExampleAnswersAsShown() throws Exception {
        List<String> differences = new ArrayList<>();
        int replayed = 0;
        for (Map.Entry<String, JsonNode> entry : operations().entrySet()) {
            String name = entry.getKey();
            String method = name.substring(0, name.indexOf(' '));
            String path = name.substring(name.indexOf(' ') + 1);
            JsonNode operation = entry.getValue();
            Map<String, Answer> answers = answers(operation);
            JsonNode requests = operation.at("/requestBody/content/application~1json/examples");
            Set<String> names = new LinkedHashSet<>();
            requests.fieldNames().forEachRemaining(names::add);
            if (requests.isMissingNode()) {
                names.addAll(answers.keySet());
            }
            assertThat(answers.keySet()).as(name + ": every answer shown has its request").isSubsetOf(names);
            for (String example : names) {
                Answer documented = answers.get(example);
                assertThat(documented).as(name + " example '" + example + "' shows its answer").isNotNull();
                String body = requests.isMissingNode() ? null : live(operation, requests.get(example).path("value"));
                HttpResponse<String> answer = send(method, path(path, operation, example), body);
                replayed++;
                String where = name + " '" + example + "'";
                if (answer.statusCode() != documented.status()) {
                    differences.add(where + ": status " + answer.statusCode() + ", documented " + documented.status() + ": " + answer.body());
                    continue;
                }
                JsonNode expected = JSON.readTree(callpop.onThisPort(documented.body().toString()));
                JsonNode actual = JSON.readTree(answer.body());
                DocumentedAnswers.differences(expected, actual).forEach(d -> differences.add(where + ": " + d));
                String type = answer.headers().firstValue("Content-Type").orElse("").replaceAll(";.*", "");
                JsonNode schema = operation.at("/responses/" + answer.statusCode() + "/content/" + type.replace("/", "~1") + "/schema");
                if (schema.isMissingNode()) {
                    differences.add(where + ": no schema for " + answer.statusCode() + " " + type);
                } else {
                    SCHEMAS.getSchema(withComponents(schema)).validate(actual)
                            .forEach(error -> differences.add(where + ": not as its schema says: " + error.getMessage()));
                }
            }
        }
        assertThat(differences).as("answers that differ from the document").isEmpty();
        assertThat(replayed).as("examples replayed").isGreaterThanOrEqualTo(25);
    }

    @Test
    void everyOperationAnswersTheProblemsItSharesAsDocumented() throws Exception {
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : operations().entrySet()) {
            String method = entry.getKey().substring(0, entry.getKey().indexOf(' '));
            String template = entry.getKey().substring(entry.getKey().indexOf(' ') + 1);
            JsonNode operation = entry.getValue();
            String path = path(template, operation, "");
            boolean body = operation.has("requestBody");
            HttpRequest.Builder anonymous = HttpRequest.newBuilder(callpop.uri(path)).header("Content-Type", "application/json")
                    .method(method.toUpperCase(Locale.ROOT), body ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
            problem(entry.getKey() + " without a token", operation, HTTP.send(anonymous.build(), HttpResponse.BodyHandlers.ofString()),
                    ProblemKind.UNAUTHENTICATED, differences);
            if (template.contains("{crm}")) {
                problem(entry.getKey() + " for no such CRM", operation,
                        send(method, path.replaceFirst("/crms/[^/]+", "/crms/no-such-crm"), body ? wellFormed(operation) : null),
                        ProblemKind.UNKNOWN_CRM, differences);
            }
            if (body) {
                problem(entry.getKey() + " with a body that is not JSON", operation, send(method, path, "{"), ProblemKind.MALFORMED_JSON, differences);
            }
        }
        assertThat(differences).as("shared problems answered otherwise than documented").isEmpty();
    }

    /** A request example without live values ("…"): a body of the right shape. */
    private static String wellFormed(JsonNode operation) {
        List<String> bodies = new ArrayList<>();
        operation.at("/requestBody/content/application~1json/examples").forEach(example -> bodies.add(callpop.onThisPort(example.path("value").toString())));
        return bodies.stream().filter(body -> !body.contains(DocumentedAnswers.ANYTHING)).findFirst().orElseThrow();
    }

    /** The answer is this kind's problem, and the operation documents it: the status, the kind, the Problem schema. */
    private static void problem(String where, JsonNode operation, HttpResponse<String> answer, ProblemKind kind, List<String> differences)
            throws Exception {
        JsonNode documented = operation.at("/responses/" + answer.statusCode());
        if (answer.statusCode() != kind.status() || !answer.body().contains(ProblemKind.TYPE_PREFIX + kind.slug())) {
            differences.add(where + ": " + answer.statusCode() + " " + answer.body());
        } else if (!documented.path("description").asText().contains("`" + kind.slug() + "`")) {
            differences.add(where + ": " + kind.slug() + " is not documented under " + answer.statusCode());
        } else {
            SCHEMAS.getSchema(withComponents(documented.at("/content/application~1problem+json/schema"))).validate(JSON.readTree(answer.body()))
                    .forEach(error -> differences.add(where + ": not a Problem: " + error.getMessage()));
        }
    }

    /** A documented answer: its status and body. */
    private record Answer(int status, JsonNode body) {
    }

    private static Map<String, Answer> answers(JsonNode operation) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        operation.path("responses").fields().forEachRemaining(response -> response.getValue().path("content").forEach(
                content -> content.path("examples").fields().forEachRemaining(example -> {
                    Answer previous = answers.put(example.getKey(), new Answer(Integer.parseInt(response.getKey()), example.getValue().path("value")));
                    assertThat(previous).as("one answer named '" + example.getKey() + "'").isNull();
                })));
        return answers;
    }

    /** Operations as "method path", in the document's path order, and within a path writes before reads. */
    private static Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        document.path("paths").fields().forEachRemaining(path -> METHODS.stream().filter(path.getValue()::has)
                .forEach(method -> operations.put(method + " " + path.getKey(), path.getValue().get(method))));
        assertThat(operations).hasSizeGreaterThanOrEqualTo(12);
        return operations;
    }

    private static String path(String template, JsonNode operation, String example) {
        String path = template;
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("path")) {
                JsonNode value = parameter.at("/examples/" + example.replace("~", "~0").replace("/", "~1") + "/value");
                if (value.isMissingNode()) {
                    value = parameter.has("example") ? parameter.path("example") : parameter.at("/schema/examples/0");
                }
                assertThat(value.isMissingNode()).as(template + " " + parameter.path("name").asText() + " has an example").isFalse();
                path = path.replace("{" + parameter.path("name").asText() + "}", value.asText());
            }
        }
        return path;
    }

    /** The request body, with the values only a live sign-in has where the example shows them as "…". */
    private static String live(JsonNode operation, JsonNode example) throws Exception {
        String body = callpop.onThisPort(example.toString());
        if (!body.contains(DocumentedAnswers.ANYTHING)) {
            return body;
        }
        String operationId = operation.path("operationId").asText();
        JsonNode start = JSON.readTree(send("post", "/api/v1/crms/sample/sign-in",
                "{\"redirectUri\": \"http://localhost:" + callpop.port() + "/demo/\"}").body());
        JsonNode allowed = JSON.readTree(HTTP.send(HttpRequest.newBuilder(callpop.uri(start.path("authorizationUrl").asText()))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString()).body());
        if (operationId.equals("completeSignIn")) {
            return allowed.toString();
        }
        assertThat(operationId).as("an example with live values").isEqualTo("refreshSignIn");
        JsonNode credentials = JSON.readTree(send("post", "/api/v1/crms/sample/sign-in/complete", allowed.toString()).body());
        return JSON.createObjectNode().put("refreshToken", credentials.path("refreshToken").asText()).toString();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        // The agent's stream is asked for as a client asks for it; its refusals are problems like every other.
        HttpRequest.Builder request = HttpRequest.newBuilder(callpop.uri(path)).header("Authorization", "Bearer " + callpop.token())
                .header("Accept", path.endsWith("/agent-events") ? "text/event-stream" : "application/json");
        if (path.startsWith("/api/v1/telephony/")) {
            // A platform's delivery: the local profile's source key instead of an agent's token.
            request.header("x-api-key", LOCAL_TELEPHONY_KEY);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method.toUpperCase(Locale.ROOT), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The schema with the document's components beside it, so that its references resolve. */
    private static JsonNode withComponents(JsonNode schema) {
        ObjectNode root = schema.deepCopy();
        root.set("components", document.path("components"));
        return root;
    }

    private static JsonNode schema(String ref) {
        return document.at(ref.substring(1));
    }
}
