package dev.postmortem.command.review;

import dev.postmortem.command.severity.SeverityScale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReviewConfiguration {

    /** Injected into the aggregate's review and publication handlers; a wrong setting stops the service at start-up. */
    @Bean
    ReviewPolicy reviewPolicy(ReviewProperties properties, SeverityScale scale) {
        return new ReviewPolicy(properties.requiredApprovals(), !Boolean.FALSE.equals(properties.withdrawApprovalsOnChange()), scale);
    }
}
