package dev.postmortem.web.security;

import dev.postmortem.kit.security.KitSecurityConfiguration;
import dev.postmortem.kit.security.LoginThrottle;
import dev.postmortem.kit.security.SecurityProperties;
import dev.postmortem.kit.security.WebTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import java.time.Clock;

/**
 * Who may use the pages. Mode {@code local}: a sign-in form against the same local users as the services (their
 * passwords, the same rules, the same throttle on failed sign-ins); the password is checked once and not kept; the session cookie is HttpOnly and
 * SameSite=Lax; every form carries a CSRF token. Every call to the services is made as the person signed in, with a
 * short-lived token ({@link WebTokens}). Headers keep the pages to their own scripts and styles (no CDN, no inline
 * script) and out of frames.
 */
@Configuration(proxyBeanMethods = false)
@Import(KitSecurityConfiguration.class)
class WebSecurity {

    @Bean
    SecurityFilterChain webPages(HttpSecurity http, SecurityProperties properties) throws Exception {
        if (properties.mode() != SecurityProperties.Mode.LOCAL) {
            throw new IllegalStateException("The web UI signs people in against the local users only so far: "
                    + "postmortem.security.mode=jwt (OAuth2 login at the organisation's issuer) is not built yet.");
        }
        http.authorizeHttpRequests(requests -> requests
                    .requestMatchers("/sign-in", "/css/**", "/js/**", "/webjars/**", "/favicon.svg", "/actuator/health",
                            "/actuator/health/**", "/error").permitAll()
                    .anyRequest().authenticated())
            .formLogin(form -> form.loginPage("/sign-in").defaultSuccessUrl("/", false).failureUrl("/sign-in?failed"))
            // Password guessing at the form is bounded as at the APIs' HTTP Basic: per user name and per address.
            .addFilterBefore(LoginThrottle.form(properties.loginThrottle(), "/sign-in", "/sign-in?failed"),
                    UsernamePasswordAuthenticationFilter.class)
            .logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl("/sign-in?signed-out"))
            .headers(headers -> headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; style-src 'self'; "
                            + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    WebTokens webTokens(SecurityProperties properties) {
        return WebTokens.signer(properties, Clock.systemUTC());
    }
}
