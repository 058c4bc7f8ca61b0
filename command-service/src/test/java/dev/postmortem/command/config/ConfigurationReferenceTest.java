package dev.postmortem.command.config;

import dev.postmortem.localstack.junit.ConfigurationReference;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration reference (docs/configuration.md) names every property of command-service with its environment variable. */
class ConfigurationReferenceTest {

    @Test
    void theReadmeDocumentsEveryProperty() {
        Set<String> properties = ConfigurationReference.propertiesOf(getClass().getClassLoader(),
                List.of("postmortem.web.max-request-size"));
        assertThat(properties).contains("postmortem.security.passwords-file", "postmortem.security.login-throttle.failures-per-user", "spring.datasource.url",
                "management.endpoint.health.group.readiness.include");
        assertThat(ConfigurationReference.problems(ConfigurationReference.rows(Path.of("../docs/configuration.md"), "command-service"), properties))
                .as("docs/configuration.md, section Configuration (command-service)").isEmpty();
    }
}
