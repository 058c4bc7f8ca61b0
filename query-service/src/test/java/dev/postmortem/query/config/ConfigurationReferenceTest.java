package dev.postmortem.query.config;

import dev.postmortem.localstack.junit.ConfigurationReference;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration reference (docs/configuration.md) names every property of query-service with its environment variable. */
class ConfigurationReferenceTest {

    @Test
    void theReadmeDocumentsEveryProperty() {
        Set<String> properties = ConfigurationReference.propertiesOf(getClass().getClassLoader(),
                List.of());
        assertThat(properties).contains("postmortem.security.passwords-file", "postmortem.security.login-throttle.failures-per-user", "spring.data.mongodb.uri",
                "management.endpoint.health.group.readiness.include");
        assertThat(ConfigurationReference.problems(ConfigurationReference.rows(Path.of("../docs/configuration.md"), "query-service"), properties))
                .as("docs/configuration.md, section Configuration (query-service)").isEmpty();
    }
}
