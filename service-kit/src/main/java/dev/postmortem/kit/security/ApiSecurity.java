package dev.postmortem.kit.security;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;

import java.io.IOException;

/**
 * The filter chain of a service's HTTP API, around the service's own authorization rules (after the open endpoints:
 * health, info, Prometheus, the API description and Swagger UI): stateless; every state
 * change guarded against cross-site requests ({@link CrossSiteRequestGuard}, which replaces Spring's CSRF tokens for
 * an API that keeps no session); HTTP Basic against the local users behind the login throttle, or bearer JWTs; 401,
 * 403 and 429 as problem+json.
 */
public final class ApiSecurity {

    private ApiSecurity() {
    }

    public static SecurityFilterChain build(HttpSecurity http, SecurityProperties properties, SecurityProblems problems,
                                            UserDetailsService users,
                                            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> rules)
            throws Exception {
        boolean jwt = properties.mode() == SecurityProperties.Mode.JWT;
        // An API in mode jwt checks its tokens' issuer and audience, or does not start.
        JwtChecks.requireIssuerAndAudience(properties, http.getSharedObject(ApplicationContext.class).getEnvironment());
        http.csrf(csrf -> csrf.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .addFilterAfter(new CrossSiteRequestGuard(problems), HeaderWriterFilter.class)
            .authorizeHttpRequests(requests -> rules.customize(requests
                    // Probes, metrics for the scraper and the API description are open: none of them shows a post-mortem.
                    // Health details are shown to ADMIN only (management.endpoint.health.show-details).
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error")
                        .permitAll()
                    .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()))
            .exceptionHandling(errors -> errors
                    .authenticationEntryPoint((request, response, e) -> unauthenticated(response, problems, jwt,
                            "Sign in: " + (jwt ? "send a bearer token from the organisation's issuer." : "HTTP Basic with your user name and password.")))
                    .accessDeniedHandler((request, response, e) -> problems.write(response, HttpStatus.FORBIDDEN, "forbidden", "Not allowed",
                            "Your roles do not allow " + request.getMethod() + " " + request.getRequestURI() + ".", "Authorization")));
        if (jwt) {
            http.oauth2ResourceServer(server -> server
                    .jwt(token -> token.jwtAuthenticationConverter(claims -> JwtChecks.toAuthentication(claims, properties.jwt())))
                    .authenticationEntryPoint((request, response, e) -> unauthenticated(response, problems, true,
                            "The bearer token was missing or not accepted.")));
        } else {
            http.httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> unauthenticated(response, problems, false,
                        "The user name or the password was not accepted.")))
                .addFilterBefore(LoginThrottle.basic(properties.loginThrottle(), problems), BasicAuthenticationFilter.class);
            if (properties.webTokensEnabled()) {
                // The web UI's tokens: who the person is; their roles and groups are the local user's own.
                http.oauth2ResourceServer(server -> server
                        .jwt(token -> token.decoder(WebTokens.decoder(properties))
                                           .jwtAuthenticationConverter(claims -> localUser(claims, users)))
                        .authenticationEntryPoint((request, response, e) -> unauthenticated(response, problems, false,
                                "The web UI's token was missing or not accepted.")));
            }
        }
        return http.build();
    }

    /** The local user a web token names, with that user's own roles and groups; an unknown name is refused. */
    private static JwtAuthenticationToken localUser(
            Jwt token, UserDetailsService users) {
        UserDetails user;
        try {
            user = users.loadUserByUsername(token.getSubject());
        } catch (UsernameNotFoundException | IllegalArgumentException unknown) {
            throw new InvalidBearerTokenException("the token names no local user");
        }
        return new JwtAuthenticationToken(token, user.getAuthorities(),
                user.getUsername());
    }

    private static void unauthenticated(HttpServletResponse response, SecurityProblems problems, boolean jwt, String detail)
            throws IOException {
        response.setHeader("WWW-Authenticate", jwt ? "Bearer" : "Basic realm=\"postmortem\"");
        problems.write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Not signed in", detail, "Authorization");
    }
}
