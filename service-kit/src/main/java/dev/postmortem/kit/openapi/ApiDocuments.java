package dev.postmortem.kit.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.postmortem.kit.problem.Problems;
import dev.postmortem.kit.security.SecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
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
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What both services' OpenAPI documents share: the document's frame (title, description, the sign-in scheme of the
 * security mode, the Problem schema), the catalog of summaries and examples read from {@code openapi/operations.yml},
 * and the problem+json answers each operation lists with an example (docs/problems.md). Each service says which
 * problems which of its operations can answer.
 */
public final class ApiDocuments {

    public static final String CATALOG = "openapi/operations.yml";
    public static final String PROBLEM_JSON = "application/problem+json";
    /** The post-mortem id the examples use. */
    public static final String EXAMPLE_ID = "4b9e2c1a-7d3f-4e58-9a61-2f0c8d5e7b13";

    private ApiDocuments() {
    }

    /** The document: its title and description, HTTP Basic or bearer JWTs as the security mode says, the Problem schema. */
    public static OpenAPI document(SecurityProperties security, String title, String description, Schema<?> problem) {
        boolean jwt = security.mode() == SecurityProperties.Mode.JWT;
        String scheme = jwt ? "bearer" : "basic";
        return new OpenAPI()
                .info(new Info().title(title).version("1").description(description).license(new License().name("Apache-2.0")))
                .components(new Components()
                        .addSecuritySchemes(scheme, jwt
                                ? new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                                .description("A token from the organisation's issuer; roles and groups from its claims.")
                                : new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A local user (admin, facilitator, author, reader); ./run.sh prints the password."))
                        .addSchemas("Problem", problem))
                .addSecurityItem(new SecurityRequirement().addList(scheme));
    }

    /** The catalog: "METHOD path" → what the service's {@code operations.yml} says of that operation. */
    public static Map<String, JsonNode> catalog() {
        try (InputStream in = new ClassPathResource(CATALOG).getInputStream()) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<String, JsonNode> entries = new LinkedHashMap<>();
            root.fields().forEachRemaining(field -> entries.put(field.getKey(), field.getValue()));
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CATALOG, e);
        }
    }

    /** A problem document as the service writes it, for an example. */
    public static Map<String, Object> problem(int status, String type, String title, String detail, List<Map<String, String>> errors) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problems.TYPE_PREFIX + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", "/api/postmortems/" + EXAMPLE_ID);
        problem.put("errors", errors);
        return problem;
    }

    /** Lists the answer {@code status} with this problem as its example. */
    public static void addProblem(Operation operation, int status, String type, String title, String detail,
                                  List<Map<String, String>> errors) {
        addProblem(operation, status, problem(status, type, title, detail, errors));
    }

    public static void addProblem(Operation operation, int status, Map<String, Object> problem) {
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        operation.getResponses().addApiResponse(String.valueOf(status), new ApiResponse()
                .description(problem.get("title") + " — see docs/problems.md")
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/Problem"))
                        .addExamples(String.valueOf(problem.get("type")).substring(Problems.TYPE_PREFIX.length()),
                                new Example().value(problem)))));
    }

    /** The answers every operation can give before it runs: not signed in, not allowed. */
    public static void addSignInProblems(Operation operation) {
        addProblem(operation, 401, "unauthenticated", "Not signed in", "Sign in: HTTP Basic with your user name and password.", List.of());
        addProblem(operation, 403, "forbidden", "Not allowed", "Your roles do not allow this call.", List.of());
    }

    /**
     * RFC 9457 problem details as the services write them, with {@code errors} naming each part at fault.
     *
     * @param field          what {@code errors[].field} names in this API
     * @param currentVersion when this API's problems carry {@code currentVersion}
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static Schema<?> problemSchema(String field, String currentVersion) {
        Schema violation = new ObjectSchema()
                .addProperty("field", new StringSchema().description(field))
                .addProperty("message", new StringSchema());
        return new ObjectSchema().description("RFC 9457 problem details (application/problem+json)")
                .addProperty("type", new StringSchema().example(Problems.TYPE_PREFIX + "validation-failed"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(violation))
                .addProperty("currentVersion", new IntegerSchema().description(currentVersion));
    }
}
