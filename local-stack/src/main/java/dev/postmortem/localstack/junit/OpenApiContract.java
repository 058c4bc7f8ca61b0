package dev.postmortem.localstack.junit;

import com.fasterxml.jackson.databind.JsonNode;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every operation of a service's OpenAPI description must have: a summary, an example for its request body
 * and for its success answer, and problem+json errors with examples (401 and 403 always, 404 where the path names
 * a post-mortem). Fetched anonymously, as a browser opening Swagger UI does.
 */
public final class OpenApiContract {

    private OpenApiContract() {
    }

    /**
     * Checks the description at {@code /v3/api-docs} and returns it.
     *
     * @param catalogKeys the service's documented operations ("METHOD path"): each must exist in the description
     */
    public static JsonNode check(String baseUrl, Collection<String> catalogKeys) {
        HttpApi.Response answer = new HttpApi(baseUrl).get("/v3/api-docs");
        assertThat(answer.status()).as("GET /v3/api-docs: %s", answer.raw().body()).isEqualTo(200);
        JsonNode spec = answer.body();
        assertThat(spec.path("openapi").asText()).startsWith("3.");
        List<String> operations = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            String key = method.getKey().toUpperCase() + " " + path.getKey();
            operations.add(key);
            problems.addAll(problemsOf(key, path.getKey(), method.getValue()));
        }));
        assertThat(problems).as("operations short of the contract").isEmpty();
        assertThat(operations).as("operations documented in the catalog").containsAll(catalogKeys);
        return spec;
    }

    /** The operations ("METHOD path") a service documents in its {@code openapi/operations.yml}. */
    public static List<String> catalogKeys(ClassLoader service) {
        try (InputStream in = service.getResourceAsStream("openapi/operations.yml")) {
            if (in == null) {
                throw new IllegalStateException("openapi/operations.yml is not on the classpath");
            }
            Map<?, ?> catalog = new Yaml().load(in);
            return catalog.keySet().stream().map(String::valueOf).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Swagger UI is served to anyone: a person opening it has not signed in yet. */
    public static void checkSwaggerUi(String baseUrl) {
        HttpApi.Response page = new HttpApi(baseUrl).get("/swagger-ui/index.html");
        assertThat(page.status()).as("GET /swagger-ui/index.html").isEqualTo(200);
        assertThat(page.raw().body()).contains("swagger-ui");
        assertThat(new HttpApi(baseUrl).get("/swagger-ui.html").status()).as("GET /swagger-ui.html").isIn(200, 302);
    }

    private static List<String> problemsOf(String key, String path, JsonNode operation) {
        List<String> problems = new ArrayList<>();
        if (operation.path("summary").asText("").isBlank()) {
            problems.add(key + ": no summary");
        }
        JsonNode requestBody = operation.path("requestBody").path("content");
        requestBody.fields().forEachRemaining(media -> {
            if (!hasExample(media.getValue())) {
                problems.add(key + ": no example for the " + media.getKey() + " request body");
            }
        });
        JsonNode responses = operation.path("responses");
        boolean successExample = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> response = it.next();
            boolean success = response.getKey().startsWith("2");
            JsonNode content = response.getValue().path("content");
            if (success) {
                successExample |= !content.isMissingNode() && content.size() > 0 && allHaveExamples(content)
                        || content.isMissingNode();
            } else {
                JsonNode problem = content.path("application/problem+json");
                if (problem.isMissingNode() || !hasExample(problem)) {
                    problems.add(key + ": the " + response.getKey() + " answer is not problem+json with an example");
                }
            }
        }
        if (!successExample) {
            problems.add(key + ": no example for the success answer");
        }
        Set<String> required = path.contains("{id}") ? Set.of("401", "403", "404") : Set.of("401", "403");
        for (String status : required) {
            if (!responses.has(status)) {
                problems.add(key + ": no " + status + " answer");
            }
        }
        return problems;
    }

    private static boolean allHaveExamples(JsonNode content) {
        for (Iterator<JsonNode> it = content.elements(); it.hasNext(); ) {
            if (!hasExample(it.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasExample(JsonNode media) {
        return media.has("example") || media.path("examples").size() > 0;
    }
}
