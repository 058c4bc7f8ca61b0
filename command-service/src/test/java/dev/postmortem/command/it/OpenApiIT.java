package dev.postmortem.command.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.localstack.junit.OpenApiContractTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command API describes itself: every endpoint with a summary, examples and its problem+json errors. */
class OpenApiIT extends OpenApiContractTest {

    @Test
    void everyOperationIsDocumentedWithExamplesAndProblems() {
        JsonNode spec = documented(41);
        JsonNode create = spec.at("/paths/~1api~1postmortems/post");
        assertThat(create.at("/requestBody/content/application~1json/example/title").asText()).isNotBlank();
        assertThat(create.at("/responses/201/headers").has("Location")).isTrue();
        JsonNode severity = spec.at("/paths/~1api~1postmortems~1{id}~1severity/put");
        List<String> parameters = new ArrayList<>();
        severity.path("parameters").forEach(p -> parameters.add(p.path("in").asText() + ":" + p.path("name").asText()));
        assertThat(parameters).as("WriteContext is described as what it reads, not as its fields")
                              .containsExactlyInAnyOrder("path:id", "header:If-Match", "query:reason");
        assertThat(severity.at("/responses/412/content/application~1problem+json/examples/stale-version/value/currentVersion").asInt())
                .isEqualTo(5);
        assertThat(spec.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
        JsonNode approve = spec.at("/paths/~1api~1postmortems~1{id}~1review~1approve/post");
        assertThat(approve.at("/responses/403/content/application~1problem+json/examples/not-a-reviewer/value/type").asText())
                .endsWith("not-a-reviewer");
        assertThat(spec.at("/paths/~1api~1postmortems~1{id}~1submit-for-review/post/requestBody/content/application~1json/example/reviewers/0")
                       .asText()).isEqualTo("dana");
    }
}
