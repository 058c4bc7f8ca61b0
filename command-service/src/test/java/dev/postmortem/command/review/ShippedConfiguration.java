package dev.postmortem.command.review;

import dev.postmortem.command.severity.SeverityProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The review rules command-service ships with: its {@code application.yml} (the default document, no profile's),
 * bound the way Spring binds it, with environment variables above it as a deployment sets them — so that a test of
 * "the default" reads the file that is shipped rather than restating it.
 */
final class ShippedConfiguration {

    private ShippedConfiguration() {
    }

    static ReviewPolicy reviewPolicy(Map<String, Object> environment) {
        MutablePropertySources sources = new MutablePropertySources();
        // Spring maps variable names to properties only for a source under the environment's own name.
        sources.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        try {
            for (PropertySource<?> document : new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))) {
                if (document.getProperty("spring.config.activate.on-profile") == null) {
                    sources.addLast(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Binder binder = new Binder(ConfigurationPropertySources.from(sources));
        ReviewProperties review = binder.bind("postmortem.review", ReviewProperties.class).get();
        SeverityProperties severity = binder.bind("postmortem.severity", SeverityProperties.class).get();
        return new ReviewConfiguration().reviewPolicy(review, severity.scale());
    }
}
