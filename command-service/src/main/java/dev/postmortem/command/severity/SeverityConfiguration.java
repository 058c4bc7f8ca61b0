package dev.postmortem.command.severity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SeverityConfiguration {

    /** Injected into the aggregate's severity handler, so the scale is configuration, not code. */
    @Bean
    SeverityScale severityScale(SeverityProperties properties) {
        return properties.scale();
    }
}
