package dev.postmortem.command.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postmortem.api.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Who may do what on the write side. Every API call is authenticated (HTTP Basic against the configured local users,
 * or a JWT from the organisation's issuer); the principal's name is the actor on every event. Authors write,
 * facilitators publish, restrict and manage countermeasures; anyone signed in reads the severity scale. Failures are
 * problem+json: 401 {@code unauthenticated}, 403 {@code forbidden}. Health stays open for orchestrators.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final String COUNTERMEASURE_STEPS = "/api/postmortems/{id}/countermeasures/{countermeasureId}/";

    /**
     * No Micrometer observations of Spring Security's own filters, authentications and authorizations: they made a
     * tenth of every request's CPU (BENCHMARKS.md). Requests are still observed as a whole (http.server.requests).
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, SecurityProperties properties, ObjectMapper json) throws Exception {
        http.csrf(csrf -> csrf.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .authorizeHttpRequests(requests -> requests
                    // Probes, metrics for the scraper and the API description are open: none of them shows a post-mortem.
                    // Health details are shown to ADMIN only (management.endpoint.health.show-details).
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error")
                        .permitAll()
                    .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                    .requestMatchers(HttpMethod.POST, "/api/postmortems/{id}/publish", "/api/postmortems/{id}/return-to-draft")
                        .hasRole(Role.FACILITATOR.name())
                    .requestMatchers(HttpMethod.PUT, COUNTERMEASURE_STEPS + "assignment").hasRole(Role.FACILITATOR.name())
                    .requestMatchers("/api/postmortems/{id}/restriction").hasRole(Role.FACILITATOR.name())
                    .requestMatchers(HttpMethod.POST, COUNTERMEASURE_STEPS + "start", COUNTERMEASURE_STEPS + "complete",
                            COUNTERMEASURE_STEPS + "decline", COUNTERMEASURE_STEPS + "revisit").hasRole(Role.FACILITATOR.name())
                    .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Role.READER.name())
                    .requestMatchers("/api/**").hasRole(Role.AUTHOR.name())
                    .anyRequest().hasRole(Role.ADMIN.name()))
            .exceptionHandling(errors -> errors
                    .authenticationEntryPoint((request, response, e) -> problem(json, response, HttpStatus.UNAUTHORIZED,
                            "unauthenticated", "Not signed in", "Sign in: " + (properties.mode() == SecurityProperties.Mode.JWT
                                    ? "send a bearer token from the organisation's issuer." : "HTTP Basic with your user name and password."),
                            properties))
                    .accessDeniedHandler((request, response, e) -> problem(json, response, HttpStatus.FORBIDDEN, "forbidden",
                            "Not allowed", "Your roles do not allow " + request.getMethod() + " " + request.getRequestURI() + ".",
                            properties)));
        if (properties.mode() == SecurityProperties.Mode.JWT) {
            http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(token -> toAuthentication(token, properties.jwt())))
                    .authenticationEntryPoint((request, response, e) -> problem(json, response, HttpStatus.UNAUTHORIZED,
                            "unauthenticated", "Not signed in", "The bearer token was missing or not accepted.", properties)));
        } else {
            http.httpBasic(Customizer.withDefaults());
        }
        return http.build();
    }

    /** Added to Spring Boot's JWT validators (expiry, signature, audience) when an issuer is configured. */
    @Bean
    @ConditionalOnProperty("postmortem.security.jwt.issuer")
    OAuth2TokenValidator<Jwt> issuerValidator(SecurityProperties properties) {
        return new JwtIssuerValidator(properties.jwt().issuer());
    }

    @Bean
    RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy(Role.hierarchy());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new CachingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
    }

    /** The local users; only in local mode. A password without an {id} prefix is plain text. */
    @Bean
    UserDetailsService users(SecurityProperties properties, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        String generated = null;
        for (SecurityProperties.User user : properties.users()) {
            String password = user.password() != null && !user.password().isBlank() ? user.password() : properties.defaultPassword();
            if (password == null || password.isBlank()) {
                if (generated == null) {
                    generated = generatePassword();
                    log.warn("No password configured for the local users: generated one for this run: {} "
                            + "(set postmortem.security.default-password or each user's password to choose)", generated);
                }
                password = generated;
            }
            users.add(User.withUsername(user.name())
                          .password(password.startsWith("{") ? password : encoder.encode(password))
                          .authorities(authorities(user.roles(), user.groups()))
                          .build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    static Collection<GrantedAuthority> authorities(List<Role> roles, List<String> groups) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role.name())));
        groups.forEach(group -> authorities.add(new SimpleGrantedAuthority("GROUP_" + group)));
        return authorities;
    }

    private static JwtAuthenticationToken toAuthentication(Jwt token, SecurityProperties.Jwt claims) {
        List<Role> roles = new ArrayList<>();
        for (String role : strings(token, claims.rolesClaim())) {
            try {
                roles.add(Role.valueOf(role.strip().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException unknownRole) {
                // a role of another application: not ours to grant
            }
        }
        String name = token.getClaimAsString(claims.nameClaim());
        return new JwtAuthenticationToken(token, authorities(roles, strings(token, claims.groupsClaim())),
                name == null || name.isBlank() ? token.getSubject() : name);
    }

    private static List<String> strings(Jwt token, String claim) {
        Object value = token.getClaims().get(claim);
        if (value instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return value instanceof String single ? List.of(single.split("[ ,]+")) : List.of();
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void problem(ObjectMapper json, HttpServletResponse response, HttpStatus status, String type, String title,
                                String detail, SecurityProperties properties) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:problem-type:postmortem:" + type));
        problem.setTitle(title);
        problem.setProperty("errors", List.of(Map.of("field", "Authorization", "message", detail)));
        response.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", properties.mode() == SecurityProperties.Mode.JWT ? "Bearer" : "Basic realm=\"postmortem\"");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
