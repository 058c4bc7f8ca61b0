package dev.postmortem.query.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.kit.openapi.ApiDocuments;
import dev.postmortem.kit.security.SecurityProperties;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3 description at {@code /v3/api-docs} and Swagger UI at {@code /swagger-ui.html}. Summaries,
 * descriptions, parameter examples (in their descriptions) and example answers come from {@code openapi/operations.yml}; every operation
 * gets the problem+json errors it can answer with (docs/problems.md), each with an example.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    OpenAPI queryApi(SecurityProperties security) {
        return ApiDocuments.document(security, "Post-mortem query API", """
                                The read side: post-mortems as views built from the event stream, their history and \
                                diffs for auditors, organisation-wide search, follow-through lists and KPIs. Writes \
                                are on the command service; pass a write's version as minVersion to read your write. \
                                Errors are RFC 9457 problem+json with the parameter at fault in `errors`.""",
                ApiDocuments.problemSchema("A path variable or query parameter", "With view-behind: the version the view is at"));
    }

    @Bean
    OpenApiCustomizer catalogAndProblems() {
        Map<String, JsonNode> catalog = ApiDocuments.catalog();
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            JsonNode entry = catalog.get(method.name() + " " + path);
            if (entry != null) {
                describe(operation, entry);
            }
            errors(path, method, operation);
        }));
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
            ApiDocuments.addProblem(operation, 400, "validation-failed", "Invalid request", "The request has 1 invalid value(s).",
                    List.of(Map.of("field", "size", "message", "must be less than or equal to 100")));
        } else if (deadLetters && path.contains("{id}")) {
            String badId = "'x' is not a dead letter id: <partition>-<offset> on the event topic, e.g. 1-42";
            ApiDocuments.addProblem(operation, 400, "validation-failed", "Invalid request", badId, List.of(Map.of("field", "id", "message", badId)));
        }
        ApiDocuments.addSignInProblems(operation);
        if (path.contains("{id}") && deadLetters) {
            String unknown = "There is no dead letter 1-4711 (among the latest 10000 parkings).";
            ApiDocuments.addProblem(operation, 404, "dead-letter-not-found", "Dead letter not found", unknown, List.of(Map.of("field", "id", "message", unknown)));
        } else if (path.contains("{id}")) {
            ApiDocuments.addProblem(operation, 404, "post-mortem-not-found", "Post-mortem not found", "No post-mortem has the id " + ApiDocuments.EXAMPLE_ID + ".",
                    List.of(Map.of("field", "id", "message", "no post-mortem with this id")));
        }
        if (path.equals("/api/postmortems/{id}") || path.equals("/api/postmortems/{id}/export.md")) {
            Map<String, Object> behind = ApiDocuments.problem(503, "view-behind", "View not caught up",
                    "The view is at version 3; version 4 did not arrive within 5 s. Retry shortly.", List.of());
            behind.put("currentVersion", 3);
            ApiDocuments.addProblem(operation, 503, behind);
        }
        if (path.equals("/api/search") || path.endsWith("/similar")) {
            ApiDocuments.addProblem(operation, 503, "search-unavailable", "Search unavailable", "The search server did not answer.", List.of());
        }
        if (deadLetters) {
            ApiDocuments.addProblem(operation, 503, "dead-letters-unavailable", "Dead letters unavailable",
                    "Kafka did not answer; nothing was retried. The dead-letter topic did not read to its end within 10 s", List.of());
        }
        if (path.equals("/api/admin/dead-letters/{id}/retry")) {
            ApiDocuments.addProblem(operation, 409, "dead-letter-already-retried", "Dead letter already retried", "Dead letter 1-4711 was retried already by "
                    + "admin at 2026-11-29T10:40:00Z; if it failed again it is listed again, with retryOf 1-4711.", List.of());
        } else if (method == PathItem.HttpMethod.POST && !deadLetters) {
            ApiDocuments.addProblem(operation, 409, "rebuild-running", "Rebuild running", "A rebuild is already running.", List.of());
        }
    }
}
