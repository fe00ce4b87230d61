package dev.callpop.service.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import dev.callpop.service.problem.ProblemKind;
import dev.callpop.service.problem.ProblemMappers;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Writes every operation's error answers into the OpenAPI document from the problem kinds it answers, so each
 * status, its description and the one {@code Problem} schema come from {@link ProblemKind} and cannot drift from
 * what callpop answers. A resource method names the kinds that are its own in the operation extension
 * {@value #PROBLEMS} ({@code @Operation(extensions = …)}, slugs separated by spaces; a slug that is not a
 * {@link ProblemKind} is an adapter's kind, answered {@value ProblemMappers#ADAPTER_STATUS}); the kinds every
 * operation shares are added here: a bearer
 * token's (for an operation behind it), the path's unknown CRM, a body's invalid request and malformed JSON, and the internal error. Runs
 * when the application is built.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemAnswers implements OASFilter {

    /** The operation extension in which a resource method lists the problem kinds it answers, besides the shared ones. */
    public static final String PROBLEMS = "x-callpop-problems";
    /** The name of the problem schema every error answer refers to. */
    static final String SCHEMA = "Problem";

    private static final String SCHEMA_REF = "#/components/schemas/" + SCHEMA;
    /** The agents' bearer token's scheme, whose operations share its problems (a telephony source's key has its own). */
    private static final String BEARER = "bearer";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSchema(SCHEMA, problemSchema());
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> operation : path.getValue().getOperations().entrySet()) {
                answer(path.getKey(), operation.getKey(), operation.getValue());
            }
        }
    }

    private static void answer(String path, PathItem.HttpMethod method, Operation operation) {
        if (method == PathItem.HttpMethod.GET) {
            // A Vert.x RoutingContext parameter reads as a body to the scanner; a GET has none.
            operation.setRequestBody(null);
        }
        List<String> kinds = new ArrayList<>();
        if (operation.getSecurity() != null && operation.getSecurity().stream().anyMatch(requirement -> requirement.hasScheme(BEARER))) {
            kinds.addAll(List.of(ProblemKind.UNAUTHENTICATED.slug(), ProblemKind.FORBIDDEN.slug(), ProblemKind.IDENTITY_PROVIDER_UNAVAILABLE.slug()));
        }
        if (path.contains("{crm}")) {
            kinds.add(ProblemKind.UNKNOWN_CRM.slug());
        }
        if (operation.getRequestBody() != null) {
            kinds.addAll(List.of(ProblemKind.INVALID_REQUEST.slug(), ProblemKind.MALFORMED_JSON.slug()));
        }
        Object own = operation.getExtensions() == null ? null : operation.getExtensions().get(PROBLEMS);
        if (own != null) {
            kinds.addAll(Arrays.asList(own.toString().trim().split("\\s+")));
            operation.removeExtension(PROBLEMS);
        }
        kinds.add(ProblemKind.INTERNAL_ERROR.slug());

        Map<Integer, List<String>> byStatus = new TreeMap<>();
        kinds.stream().distinct().forEach(kind -> byStatus.computeIfAbsent(status(kind), s -> new ArrayList<>()).add(kind));
        APIResponses responses = operation.getResponses();
        // The scanner's own error answers ("Bad Request", "Not Authorized") say nothing: only the kinds' stay.
        new ArrayList<>(responses.getAPIResponses().keySet()).stream()
                .filter(code -> code.startsWith("4") || code.startsWith("5"))
                .filter(code -> !byStatus.containsKey(Integer.parseInt(code)))
                .forEach(responses::removeAPIResponse);
        byStatus.forEach((status, slugs) -> {
            // A fresh answer each time: the scanner shares one answer object between operations (its 401 and 403).
            MediaType problem = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA_REF));
            APIResponse documented = responses.getAPIResponse(String.valueOf(status));
            MediaType documentedProblem = documented == null || documented.getContent() == null ? null
                    : documented.getContent().getMediaType(ProblemMappers.PROBLEM_JSON);
            if (documentedProblem != null && documentedProblem.getExamples() != null) {
                problem.setExamples(new LinkedHashMap<>(documentedProblem.getExamples()));
            }
            responses.addAPIResponse(String.valueOf(status), OASFactory.createAPIResponse()
                    .description(slugs.stream().map(ProblemAnswers::describe).collect(Collectors.joining("; ")))
                    .content(OASFactory.createContent().addMediaType(ProblemMappers.PROBLEM_JSON, problem)));
        });
    }

    private static int status(String slug) {
        return kind(slug).map(ProblemKind::status).orElse(ProblemMappers.ADAPTER_STATUS);
    }

    private static Optional<ProblemKind> kind(String slug) {
        return Arrays.stream(ProblemKind.values()).filter(kind -> kind.slug().equals(slug)).findFirst();
    }

    private static String describe(String slug) {
        return "`" + slug + "`: " + kind(slug).map(ProblemKind::title).orElse("refused by the CRM's adapter ("
                + slug.replace('-', ' ').toLowerCase(Locale.ROOT) + ")");
    }

    /** The RFC 9457 document of every error, its {@code type} listing callpop's own kinds. */
    private static Schema problemSchema() {
        String kinds = Arrays.stream(ProblemKind.values())
                .map(kind -> "- `" + ProblemKind.TYPE_PREFIX + kind.slug() + "` (" + kind.status() + "): " + kind.title())
                .collect(Collectors.joining("\n"));
        Schema type = OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                .pattern("^" + ProblemKind.TYPE_PREFIX + "[a-z0-9-]+$")
                .description("Stable for each kind of problem: branch on it, never on `title` or `detail`. callpop's own kinds:\n"
                        + kinds + "\n\nBesides these, an adapter's kinds (" + ProblemMappers.ADAPTER_STATUS + ", such as `"
                        + ProblemKind.TYPE_PREFIX + "log-page-unavailable`) and `" + ProblemKind.TYPE_PREFIX
                        + "http-<status>` for an HTTP request that does not fit (path, method, media type, size).")
                .examples(List.of(ProblemKind.TYPE_PREFIX + ProblemKind.INVALID_REQUEST.slug()));
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The field's path in the request, such as `contact.id`, or a header's name."))
                .addProperty("message", text)
                .required(List.of("field", "message"));
        Schema contact = OASFactory.createSchema().ref("#/components/schemas/Match");
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem, the body of every error callpop answers (`" + ProblemMappers.PROBLEM_JSON + "`).")
                .addProperty("type", type)
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("A short summary of the kind."))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).description("The HTTP status."))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("What is wrong with this request, and how to fix it."))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("The request's path."))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError)
                        .description("Each field at fault and what is wrong with it (`invalid-request`, an adapter's kinds)."))
                .addProperty("contacts", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(contact)
                        .description("For `contact-choice-required`: the contacts with the call's number, best first."))
                .required(List.of("type", "title", "status"));
    }
}
