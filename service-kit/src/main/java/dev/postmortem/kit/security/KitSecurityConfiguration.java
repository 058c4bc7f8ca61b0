package dev.postmortem.kit.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The security the services and the web UI share (a service imports it, then builds its filter chain with
 * {@link ApiSecurity} and its own rules): the role hierarchy, the local users, the password encoder, the token
 * validators, the problems.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class KitSecurityConfiguration {

    /**
     * No Micrometer observations of Spring Security's own filters, authentications and authorizations: they made a
     * tenth of every request's CPU (BENCHMARKS.md). Requests are still observed as a whole (http.server.requests).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy(Role.hierarchy());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new CachingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    /** The local users in mode {@code local}; none in mode {@code jwt}. */
    @Bean
    UserDetailsService users(SecurityProperties properties, PasswordEncoder encoder) {
        return properties.mode() == SecurityProperties.Mode.LOCAL ? LocalUsers.of(properties, encoder) : new InMemoryUserDetailsManager();
    }

    /** Added to Spring Boot's JWT validators: a token must expire. */
    @Bean
    OAuth2TokenValidator<Jwt> expiryRequired() {
        return JwtChecks.expiryRequired();
    }

    /** Added to Spring Boot's JWT validators when an issuer is configured (without discovery). */
    @Bean
    @ConditionalOnProperty("postmortem.security.jwt.issuer")
    OAuth2TokenValidator<Jwt> issuerValidator(SecurityProperties properties) {
        return new JwtIssuerValidator(properties.jwt().issuer());
    }

    @Bean
    SecurityProblems securityProblems(ObjectMapper json) {
        return new SecurityProblems(json);
    }
}
