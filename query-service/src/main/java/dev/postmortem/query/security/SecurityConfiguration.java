package dev.postmortem.query.security;

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
 * Who may read what (the rest is shared with the command service: {@link KitSecurityConfiguration},
 * {@link ApiSecurity}). Every API call is authenticated with the same users and roles as the command service; readers
 * view, search and read KPIs, admins rebuild and handle dead letters. Health stays open for orchestrators.
 */
@Configuration(proxyBeanMethods = false)
@Import(KitSecurityConfiguration.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, SecurityProblems problems, UserDetailsService users)
            throws Exception {
        return ApiSecurity.build(http, properties, problems, users, requests -> requests
                // (health, metrics and the API description are open: ApiSecurity)
                .requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Role.READER.name())
                .anyRequest().hasRole(Role.ADMIN.name()));
    }
}
