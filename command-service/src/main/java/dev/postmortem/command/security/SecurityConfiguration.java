package dev.postmortem.command.security;

import dev.postmortem.kit.security.ApiSecurity;
import dev.postmortem.kit.security.KitSecurityConfiguration;
import dev.postmortem.kit.security.Role;
import dev.postmortem.kit.security.SecurityProblems;
import dev.postmortem.kit.security.SecurityProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may do what on the write side (the rest is shared with the query service: {@link KitSecurityConfiguration},
 * {@link ApiSecurity}). Every API call is authenticated; the principal's name is the actor on every event. Authors
 * write, facilitators publish, restrict and manage countermeasures; anyone signed in reads, and takes part in reviews
 * (comments; a verdict only from those the post-mortem names as its reviewers, which its aggregate checks). Health
 * stays open for orchestrators.
 */
@Configuration(proxyBeanMethods = false)
@Import(KitSecurityConfiguration.class)
class SecurityConfiguration {

    private static final String COUNTERMEASURE_STEPS = "/api/postmortems/{id}/countermeasures/{countermeasureId}/";

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, SecurityProblems problems, UserDetailsService users)
            throws Exception {
        return ApiSecurity.build(http, properties, problems, users, requests -> requests
                // (health, metrics and the API description are open: ApiSecurity)
                .requestMatchers(HttpMethod.POST, "/api/postmortems/{id}/publish", "/api/postmortems/{id}/return-to-draft")
                    .hasRole(Role.FACILITATOR.name())
                .requestMatchers(HttpMethod.PUT, COUNTERMEASURE_STEPS + "assignment").hasRole(Role.FACILITATOR.name())
                .requestMatchers("/api/postmortems/{id}/restriction").hasRole(Role.FACILITATOR.name())
                .requestMatchers(HttpMethod.POST, COUNTERMEASURE_STEPS + "start", COUNTERMEASURE_STEPS + "complete",
                        COUNTERMEASURE_STEPS + "decline", COUNTERMEASURE_STEPS + "revisit").hasRole(Role.FACILITATOR.name())
                .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Role.READER.name())
                .requestMatchers(HttpMethod.POST, "/api/postmortems/{id}/review/**").hasRole(Role.READER.name())
                .requestMatchers("/api/**").hasRole(Role.AUTHOR.name())
                .anyRequest().hasRole(Role.ADMIN.name()));
    }
}
