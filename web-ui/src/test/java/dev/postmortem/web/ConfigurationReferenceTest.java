package dev.postmortem.web;

import dev.postmortem.localstack.junit.ConfigurationReference;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration reference (docs/configuration.md) names every property of the web UI with its environment variable. */
class ConfigurationReferenceTest {

    @Test
    void theReadmeDocumentsEveryProperty() {
        Set<String> properties = ConfigurationReference.propertiesOf(getClass().getClassLoader(), List.of());
        assertThat(properties).contains("postmortem.web-ui.command-service", "postmortem.security.web-token-key-file",
                "server.servlet.session.cookie.same-site");
        assertThat(ConfigurationReference.problems(ConfigurationReference.rows(Path.of("../docs/configuration.md"), "web-ui"), properties))
                .as("docs/configuration.md, section Configuration (web-ui)").isEmpty();
    }
}
