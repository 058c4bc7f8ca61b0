package dev.postmortem.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.localstack.junit.OpenApiContractTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The query API describes itself: every endpoint with a summary, examples and its problem+json errors. */
class OpenApiIT extends OpenApiContractTest {

    @Test
    void everyOperationIsDocumentedWithExamplesAndProblems() {
        JsonNode spec = documented(21);
        JsonNode view = spec.at("/paths/~1api~1postmortems~1{id}/get");
        assertThat(view.at("/responses/200/content").has("text/markdown")).as("the Markdown form of the same read").isTrue();
        assertThat(view.at("/responses/200/content/text~1markdown/example").asText()).startsWith("# ");
        assertThat(view.at("/responses/503/content/application~1problem+json/examples/view-behind/value/currentVersion").asInt())
                .isEqualTo(3);
        JsonNode search = spec.at("/paths/~1api~1search/get");
        List<String> parametersWithoutExample = new ArrayList<>();
        search.path("parameters").forEach(p -> {
            if (!p.path("description").asText().contains("Example: `")) {
                parametersWithoutExample.add(p.path("name").asText());
            }
        });
        assertThat(parametersWithoutExample).as("search parameters without an example").containsOnly("after");
        assertThat(spec.at("/components/securitySchemes/basic/scheme").asText()).isEqualTo("basic");
    }
}
