package dev.postmortem.issuer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import java.util.List;
import java.util.Locale;

/**
 * A real OAuth2 / OpenID Connect issuer on 127.0.0.1 for the tests (Spring Authorization Server): the organisation's
 * identity provider, as Keycloak or Okta would be. It knows the people {@link #PEOPLE} with their passwords, signs
 * their access tokens with the roles claim ({@code postmortem-author}, …) and the audience {@code postmortem-api}
 * the services check, and has one client, the web UI, which must use PKCE. It reads no application.yml of the web UI
 * (a configuration name of its own) and its session cookie has its own name, so the two never share a session. It
 * lives outside {@code dev.postmortem.web} so that the web UI's component scan never finds it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class Issuer {

    public static final String CLIENT_ID = "postmortem-web-ui";
    public static final String CLIENT_SECRET = "web-ui-secret-tests-only";
    public static final String AUDIENCE = "postmortem-api";
    /** name, password, role: an author and a reader of the organisation. */
    public static final List<List<String>> PEOPLE = List.of(List.of("ana", "ana-password-tests-only", "AUTHOR"),
            List.of("rita", "rita-password-tests-only", "READER"));

    /** Starts it on {@code port}, for a web UI whose sign-in comes back to {@code redirectUri}. */
    public static ConfigurableApplicationContext start(int port, String redirectUri) {
        String client = "spring.security.oauth2.authorizationserver.client.web-ui.";
        return new SpringApplicationBuilder(Issuer.class).properties(
                "spring.config.name=issuer",
                "server.port=" + port,
                "server.address=127.0.0.1",
                "server.servlet.session.cookie.name=ISSUER_SESSION",
                "spring.security.oauth2.authorizationserver.issuer=http://127.0.0.1:" + port,
                client + "registration.client-id=" + CLIENT_ID,
                client + "registration.client-secret={noop}" + CLIENT_SECRET,
                client + "registration.client-authentication-methods=client_secret_basic",
                client + "registration.authorization-grant-types=authorization_code,refresh_token",
                client + "registration.redirect-uris=" + redirectUri,
                client + "registration.scopes=openid,profile",
                client + "require-authorization-consent=false",
                client + "require-proof-key=true",
                "spring.main.banner-mode=off").run();
    }

    @Bean
    UserDetailsService people() {
        return new InMemoryUserDetailsManager(PEOPLE.stream().map(person -> User.withUsername(person.get(0))
                .password("{noop}" + person.get(1)).roles(person.get(2)).build()).toList());
    }

    /** Access tokens carry the roles as the services map them, and the services' audience. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> rolesAndAudience() {
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                List<String> roles = context.getPrincipal().getAuthorities().stream().map(GrantedAuthority::getAuthority)
                                            .filter(authority -> authority.startsWith("ROLE_"))
                                            .map(role -> "postmortem-" + role.substring(5).toLowerCase(Locale.ROOT)).toList();
                context.getClaims().claim("roles", roles).audience(List.of(AUDIENCE));
            }
        };
    }
}
