package dev.postmortem.web.security;

import dev.postmortem.kit.security.KitSecurityConfiguration;
import dev.postmortem.kit.security.LoginThrottle;
import dev.postmortem.kit.security.SecurityProperties;
import dev.postmortem.kit.security.WebTokens;
import dev.postmortem.web.backend.Credentials;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

import java.time.Clock;

/**
 * Who may use the pages. Mode {@code local}: a sign-in form against the same local users as the services (their
 * passwords, the same rules, the same throttle on failed sign-ins); the password is checked once and not kept; every
 * call to the services carries a two-minute token the web UI signs for the person ({@link WebTokens}). Mode
 * {@code jwt}: OAuth2 login (authorization code with PKCE) at the organisation's issuer
 * ({@code spring.security.oauth2.client.registration.*}); the person's roles and groups are read from their access
 * token exactly as the services read them, and that token is relayed to the services ({@link OrganisationSignIn}).
 * Either way the session cookie is HttpOnly and SameSite=Lax, every form carries a CSRF token, and the headers keep
 * the pages to their own scripts and styles (no CDN, no inline script) and out of frames.
 */
@Configuration(proxyBeanMethods = false)
@Import(KitSecurityConfiguration.class)
class WebSecurity {

    @Bean
    SecurityFilterChain webPages(HttpSecurity http, SecurityProperties properties, ObjectProvider<ClientRegistrationRepository> registrations)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests
                    .requestMatchers("/sign-in", "/css/**", "/js/**", "/webjars/**", "/favicon.svg", "/actuator/health",
                            "/actuator/health/**", "/error").permitAll()
                    .anyRequest().authenticated())
            .logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl("/sign-in?signed-out"))
            .headers(headers -> headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; style-src 'self'; "
                            + "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        if (properties.mode() == SecurityProperties.Mode.LOCAL) {
            http.formLogin(form -> form.loginPage("/sign-in").defaultSuccessUrl("/", false).failureUrl("/sign-in?failed"))
                // Password guessing at the form is bounded as at the APIs' HTTP Basic: per user name and per address.
                .addFilterBefore(LoginThrottle.form(properties.loginThrottle(), "/sign-in", "/sign-in?failed"),
                        UsernamePasswordAuthenticationFilter.class);
        } else {
            ClientRegistrationRepository clients = OrganisationSignIn.registrations(registrations);
            DefaultOAuth2AuthorizationRequestResolver withPkce = new DefaultOAuth2AuthorizationRequestResolver(clients,
                    "/oauth2/authorization");
            withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
            http.oauth2Login(login -> login.loginPage("/sign-in").defaultSuccessUrl("/", false).failureUrl("/sign-in?failed")
                    .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(withPkce))
                    .userInfoEndpoint(user -> user.oidcUserService(OrganisationSignIn.people(properties.jwt()))));
        }
        return http.build();
    }

    /** Local: a token signed for the person. Jwt: the person's own access token (refreshed), relayed. */
    @Bean
    Credentials credentials(SecurityProperties properties, ObjectProvider<ClientRegistrationRepository> registrations,
                            ObjectProvider<OAuth2AuthorizedClientRepository> authorized) {
        if (properties.mode() == SecurityProperties.Mode.LOCAL) {
            WebTokens tokens = WebTokens.signer(properties, Clock.systemUTC());
            return person -> tokens.tokenFor(person.getName());
        }
        OAuth2AuthorizedClientManager clients = OrganisationSignIn.clientManager(OrganisationSignIn.registrations(registrations),
                authorized.getObject());
        return person -> OrganisationSignIn.accessToken(clients, person);
    }
}
