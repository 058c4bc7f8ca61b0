package dev.postmortem.query.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.postmortem.kit.problem.Problems;
import dev.postmortem.kit.security.SecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3 description at {@code /v3/api-docs} and Swagger UI at {@code /swagger-ui.html}. Summaries,
 * descriptions, parameter examples (in their descriptions) and example answers come from {@code openapi/operations.yml}; every operation
 * gets the problem+json errors it can answer with (docs/problems.md), each with an example.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String CATALOG = "openapi/operations.yml";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String TYPE_PREFIX = Problems.TYPE_PREFIX;
    private static final String EXAMPLE_ID = "4b9e2c1a-7d3f-4e58-9a61-2f0c8d5e7b13";

    @Bean
    OpenAPI queryApi(SecurityProperties security) {
        boolean jwt = security.mode() == SecurityProperties.Mode.JWT;
        String scheme = jwt ? "bearer" : "basic";
        return new OpenAPI()
                .info(new Info().title("Post-mortem query API").version("1")
                        .description("""
                                The read side: post-mortems as views built from the event stream, their history and \
                                diffs for auditors, organisation-wide search, follow-through lists and KPIs. Writes \
                                are on the command service; pass a write's version as minVersion to read your write. \
                                Errors are RFC 9457 problem+json with the parameter at fault in `errors`.""")
                        .license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(scheme, jwt
                                ? new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("A token from the organisation's issuer; roles and groups from its claims.")
                                : new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A local user (admin, facilitator, author, reader); ./run.sh prints the password."))
                        .addSchemas("Problem", problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(scheme));
    }

    @Bean
    OpenApiCustomizer catalogAndProblems() {
        Map<String, JsonNode> catalog = catalog();
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            JsonNode entry = catalog.get(method.name() + " " + path);
            if (entry != null) {
                describe(operation, entry);
            }
            errors(path, method, operation);
        }));
    }

    /** The catalog: "METHOD path" → summary, description, parameters (examples), response and markdown (examples). */
    static Map<String, JsonNode> catalog() {
        try (InputStream in = new ClassPathResource(CATALOG).getInputStream()) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<String, JsonNode> entries = new LinkedHashMap<>();
            root.fields().forEachRemaining(field -> entries.put(field.getKey(), field.getValue()));
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CATALOG, e);
        }
    }

    private static void describe(Operation operation, JsonNode entry) {
        operation.setSummary(entry.path("summary").asText(null));
        if (entry.has("description")) {
            operation.setDescription(entry.path("description").asText());
        }
        if (operation.getParameters() != null) {
            // In the description, not as "example": Swagger UI would fill examples into "Try it out", and a filter
            // or an asOf nobody asked for gives surprising answers.
            operation.getParameters().forEach(parameter -> {
                JsonNode example = entry.path("parameters").get(parameter.getName());
                if (example != null) {
                    String value = example.isArray() ? example.path(0).asText() : example.asText();
                    String description = parameter.getDescription() == null ? "" : parameter.getDescription() + " ";
                    parameter.setDescription(description + "Example: `" + value + "`");
                }
            });
        }
        ApiResponse ok = operation.getResponses() == null ? null : operation.getResponses().get("200");
        if (ok != null && ok.getContent() != null) {
            ok.getContent().forEach((type, media) -> {
                JsonNode example = type.contains("markdown") && entry.has("markdown") ? entry.get("markdown") : entry.get("response");
                if (example != null) {
                    media.setExample(example.isTextual() ? example.asText() : example);
                }
            });
        }
    }

    private static void errors(String path, PathItem.HttpMethod method, Operation operation) {
        boolean deadLetters = path.startsWith("/api/admin/dead-letters");
        if (operation.getParameters() != null && operation.getParameters().stream().anyMatch(p -> !"path".equals(p.getIn()))) {
            add(operation, 400, "validation-failed", "Invalid request", "The request has 1 invalid value(s).",
                    List.of(Map.of("field", "size", "message", "must be less than or equal to 100")));
        } else if (deadLetters && path.contains("{id}")) {
            String badId = "'x' is not a dead letter id: <partition>-<offset> on the event topic, e.g. 1-42";
            add(operation, 400, "validation-failed", "Invalid request", badId, List.of(Map.of("field", "id", "message", badId)));
        }
        add(operation, 401, "unauthenticated", "Not signed in", "Sign in: HTTP Basic with your user name and password.", List.of());
        add(operation, 403, "forbidden", "Not allowed", "Your roles do not allow this call.", List.of());
        if (path.contains("{id}") && deadLetters) {
            String unknown = "There is no dead letter 1-4711 (among the latest 10000 parkings).";
            add(operation, 404, "dead-letter-not-found", "Dead letter not found", unknown, List.of(Map.of("field", "id", "message", unknown)));
        } else if (path.contains("{id}")) {
            add(operation, 404, "post-mortem-not-found", "Post-mortem not found", "No post-mortem has the id " + EXAMPLE_ID + ".",
                    List.of(Map.of("field", "id", "message", "no post-mortem with this id")));
        }
        if (path.equals("/api/postmortems/{id}") || path.equals("/api/postmortems/{id}/export.md")) {
            Map<String, Object> behind = problem(503, "view-behind", "View not caught up",
                    "The view is at version 3; version 4 did not arrive within 5 s. Retry shortly.", List.of());
            behind.put("currentVersion", 3);
            add(operation, 503, behind);
        }
        if (path.equals("/api/search") || path.endsWith("/similar")) {
            add(operation, 503, "search-unavailable", "Search unavailable", "The search server did not answer.", List.of());
        }
        if (deadLetters) {
            add(operation, 503, "dead-letters-unavailable", "Dead letters unavailable",
                    "Kafka did not answer; nothing was retried. The dead-letter topic did not read to its end within 10 s", List.of());
        }
        if (path.equals("/api/admin/dead-letters/{id}/retry")) {
            add(operation, 409, "dead-letter-already-retried", "Dead letter already retried", "Dead letter 1-4711 was retried already by "
                    + "admin at 2026-11-29T10:40:00Z; if it failed again it is listed again, with retryOf 1-4711.", List.of());
        } else if (method == PathItem.HttpMethod.POST && !deadLetters) {
            add(operation, 409, "rebuild-running", "Rebuild running", "A rebuild is already running.", List.of());
        }
    }

    private static void add(Operation operation, int status, String type, String title, String detail, List<Map<String, String>> errors) {
        add(operation, status, problem(status, type, title, detail, errors));
    }

    private static Map<String, Object> problem(int status, String type, String title, String detail, List<Map<String, String>> errors) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_PREFIX + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", "/api/postmortems/" + EXAMPLE_ID);
        problem.put("errors", errors);
        return problem;
    }

    private static void add(Operation operation, int status, Map<String, Object> problem) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        operation.getResponses().addApiResponse(String.valueOf(status), new ApiResponse()
                .description(problem.get("title") + " — see docs/problems.md")
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/Problem"))
                        .addExamples(String.valueOf(problem.get("type")).substring(TYPE_PREFIX.length()), new Example().value(problem)))));
    }

    /** RFC 9457 problem details as this API writes them, with {@code errors} naming each parameter at fault. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema<?> problemSchema() {
        Schema violation = new ObjectSchema()
                .addProperty("field", new StringSchema().description("A path variable or query parameter"))
                .addProperty("message", new StringSchema());
        return new ObjectSchema().description("RFC 9457 problem details (application/problem+json)")
                .addProperty("type", new StringSchema().example(TYPE_PREFIX + "validation-failed"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(violation))
                .addProperty("currentVersion", new IntegerSchema().description("With view-behind: the version the view is at"));
    }
}
