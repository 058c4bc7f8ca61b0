package dev.postmortem.command.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.kit.openapi.ApiDocuments;
import dev.postmortem.kit.security.SecurityProperties;
import dev.postmortem.command.web.WriteContext;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3 description at {@code /v3/api-docs} and Swagger UI at {@code /swagger-ui.html}. Summaries,
 * descriptions and example bodies come from {@code openapi/operations.yml}; every operation gets the
 * problem+json errors it can answer with (docs/problems.md), each with an example; writes get If-Match and reason.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static {
        // Resolved from the request (user, If-Match, reason); described below as the header and parameter it reads.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(WriteContext.class);
    }

    @Bean
    OpenAPI commandApi(SecurityProperties security) {
        return ApiDocuments.document(security, "Post-mortem command API", """
                                The write side: every change to a post-mortem is a command stored as an immutable event. \
                                Writes answer with the new version (body and ETag); send it back as If-Match to refuse \
                                a write over someone else's change (412). Errors are RFC 9457 problem+json with the \
                                field at fault in `errors`. Reads are on the query service.""",
                ApiDocuments.problemSchema("JSON path into the body, or a path variable, parameter or header", "With stale-version and view-behind: the current version"));
    }

    /** If-Match and reason on every write (the parameters WriteContext reads). */
    @Bean
    OperationCustomizer writeContextParameters() {
        return (operation, handler) -> {
            if (Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.getParameterType() == WriteContext.class)) {
                operation.addParametersItem(new HeaderParameter().name("If-Match").required(false).example("\"3\"")
                        .description("The version this write is based on (the ETag of the last answer or view). "
                                + "If another change came first the write is refused with 412. Leave out to write regardless.")
                        .schema(new StringSchema()));
                operation.addParametersItem(new QueryParameter().name("reason").required(false)
                        .example("Corrected after the timeline review")
                        .description("Why the change is made; recorded on the event for auditors (at most 1000 characters).")
                        .schema(new StringSchema().maxLength(1000)));
            }
            return operation;
        };
    }

    @Bean
    OpenApiCustomizer catalogAndProblems() {
        Map<String, JsonNode> catalog = ApiDocuments.catalog();
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            JsonNode entry = catalog.getOrDefault(method.name() + " " + path, null);
            if (entry != null) {
                describe(operation, entry);
            }
            successExamples(operation);
            errors(path, method, operation);
        }));
    }

    private static void describe(Operation operation, JsonNode entry) {
        operation.setSummary(entry.path("summary").asText(null));
        if (entry.has("description")) {
            operation.setDescription(entry.path("description").asText());
        }
        if (entry.has("example") && operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            operation.getRequestBody().getContent().values().forEach(media -> media.setExample(entry.get("example")));
        }
        if (entry.has("response") && operation.getResponses() != null && operation.getResponses().get("200") != null) {
            Content content = operation.getResponses().get("200").getContent();
            if (content != null) {
                content.values().forEach(media -> media.setExample(entry.get("response")));
            }
        }
    }

    /** Writes answer 200 with WriteResult, or 201 with CreatedResult and Location when they add something. */
    private static void successExamples(Operation operation) {
        ApiResponses responses = operation.getResponses();
        ApiResponse ok = responses == null ? null : responses.get("200");
        if (ok == null || ok.getContent() == null) {
            return;
        }
        MediaType media = ok.getContent().values().iterator().next();
        String ref = media.getSchema() == null ? null : media.getSchema().get$ref();
        if (ref == null) {
            return;
        }
        Map<String, Object> warning = new LinkedHashMap<>();
        warning.put("field", "summary");
        warning.put("rule", "counterfactual");
        warning.put("start", 4);
        warning.put("end", 15);
        warning.put("text", "should have");
        warning.put("suggestion", "Describe what happened and what was known at the time, not what should have been done.");
        if (ref.endsWith("/CreatedResult")) {
            responses.remove("200");
            media.setExample(Map.of("id", ApiDocuments.EXAMPLE_ID, "postMortemId", ApiDocuments.EXAMPLE_ID, "version", 0, "warnings", List.of()));
            responses.addApiResponse("201", new ApiResponse().description("Created; the new version is also the ETag")
                    .addHeaderObject("Location", new Header().description("The URL of what was created").schema(new StringSchema()))
                    .addHeaderObject("ETag", new Header().description("The post-mortem's version, e.g. \"0\"").schema(new StringSchema()))
                    .content(ok.getContent()));
        } else if (ref.endsWith("/WriteResult")) {
            media.setExample(Map.of("postMortemId", ApiDocuments.EXAMPLE_ID, "version", 4, "warnings", List.of(warning)));
            ok.description("Stored; the new version is also the ETag. warnings point at wording a blameless post-mortem avoids.")
              .addHeaderObject("ETag", new Header().description("The post-mortem's version, e.g. \"4\"").schema(new StringSchema()));
        }
    }

    private static void errors(String path, PathItem.HttpMethod method, Operation operation) {
        boolean write = method != PathItem.HttpMethod.GET;
        boolean body = operation.getRequestBody() != null;
        if (write || operation.getParameters() != null && !operation.getParameters().isEmpty()) {
            ApiDocuments.addProblem(operation, 400, "validation-failed", "Invalid request", "The request has 1 invalid field(s).",
                    List.of(Map.of("field", body ? "title" : "step", "message", "must not be blank")));
        }
        ApiDocuments.addSignInProblems(operation);
        if (path.contains("{id}")) {
            ApiDocuments.addProblem(operation, 404, "post-mortem-not-found", "Post-mortem not found", "No post-mortem has the id " + ApiDocuments.EXAMPLE_ID + ".",
                    List.of(Map.of("field", "id", "message", "no post-mortem with this id")));
        }
        if (write) {
            ApiDocuments.addProblem(operation, 409, "state-conflict", "Not possible now",
                    "The post-mortem cannot be published: requirements are missing.",
                    List.of(Map.of("field", "rootCause", "message", "is required to publish")));
            Map<String, Object> stale = ApiDocuments.problem(412, "stale-version", "Stale version",
                    "If-Match names version 3, but the post-mortem is at version 5.",
                    List.of(Map.of("field", "If-Match", "message", "not the current version")));
            stale.put("currentVersion", 5);
            ApiDocuments.addProblem(operation, 412, stale);
            ApiDocuments.addProblem(operation, 503, "timeout", "Timed out", "The change did not complete in 30 s; read before retrying.", List.of());
        }
        if (path.endsWith("/review/approve") || path.endsWith("/review/request-changes")) {
            ApiDocuments.addProblem(operation, 403, "not-a-reviewer", "Not a reviewer of this post-mortem",
                    "only its reviewers approve: dana, sre", List.of(Map.of("field", "reviewer", "message", "only its reviewers approve: dana, sre")));
        }
        if (body) {
            ApiDocuments.addProblem(operation, 413, "request-too-large", "Request too large", "The request body is over 524288 bytes.", List.of());
            ApiDocuments.addProblem(operation, 422, "invalid-value", "Invalid value", "The end time is before the start time.",
                    List.of(Map.of("field", "at", "message", "is before the start")));
        }
    }
}
