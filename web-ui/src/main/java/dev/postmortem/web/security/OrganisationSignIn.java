package dev.postmortem.web.security;

import dev.postmortem.kit.security.JwtChecks;
import dev.postmortem.kit.security.SecurityProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signing in at the organisation's issuer (mode {@code jwt}). The person is who their access token says, with the
 * roles and groups it grants read exactly as the services read them ({@link JwtChecks#toAuthentication}: the same
 * claims, the same role mapping), so the pages offer what the services will allow. That access token, refreshed
 * when it expires, is what the web UI sends the services on their behalf; the web UI signs nothing itself.
 */
final class OrganisationSignIn {

    private OrganisationSignIn() {
    }

    static ClientRegistrationRepository registrations(ObjectProvider<ClientRegistrationRepository> registrations) {
        ClientRegistrationRepository repository = registrations.getIfAvailable();
        if (repository == null) {
            throw new IllegalStateException("postmortem.security.mode=jwt needs the organisation's issuer as an OAuth2 client "
                    + "registration: spring.security.oauth2.client.registration.<id>.client-id (and client-secret, scope openid) and "
                    + "spring.security.oauth2.client.provider.<id>.issuer-uri. See docs/web-ui.md.");
        }
        return repository;
    }

    /** The person: their ID token for who they are to the page, their access token's claims for what they may do. */
    static OAuth2UserService<OidcUserRequest, OidcUser> people(SecurityProperties.Jwt claims) {
        OidcUserService oidc = new OidcUserService();
        Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();
        return request -> {
            OidcUser user = oidc.loadUser(request);
            ClientRegistration registration = request.getClientRegistration();
            Jwt access;
            try {
                access = decoders.computeIfAbsent(registration.getRegistrationId(),
                        id -> NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri()).build())
                                 .decode(request.getAccessToken().getTokenValue());
            } catch (JwtException notAJwt) {
                // The services take JWTs only: an issuer handing out anything else cannot be used with them.
                throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token",
                        "the issuer's access token is not a JWT the services could check: " + notAJwt.getMessage(), null), notAJwt);
            }
            JwtAuthenticationToken person = JwtChecks.toAuthentication(access, claims);
            Map<String, Object> identity = new HashMap<>(user.getClaims());
            identity.put("postmortem-name", person.getName());
            return new DefaultOidcUser(person.getAuthorities(), user.getIdToken(),
                    new OidcUserInfo(identity), "postmortem-name");
        };
    }

    static OAuth2AuthorizedClientManager clientManager(ClientRegistrationRepository registrations, OAuth2AuthorizedClientRepository authorized) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorized);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
        return manager;
    }

    /** The person's access token, refreshed first if it has expired; no token, no call. */
    static String accessToken(OAuth2AuthorizedClientManager clients, Authentication person) {
        if (!(person instanceof OAuth2AuthenticationToken signedIn)) {
            throw new IllegalStateException("in mode jwt a person signs in at the issuer; " + person.getClass().getSimpleName() + " did not");
        }
        ServletRequestAttributes call = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
        OAuth2AuthorizedClient client = clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(
                        signedIn.getAuthorizedClientRegistrationId()).principal(signedIn)
                .attribute(HttpServletRequest.class.getName(), call.getRequest())
                .attribute(HttpServletResponse.class.getName(), call.getResponse()).build());
        if (client == null || client.getAccessToken() == null) {
            throw new AccessDeniedException("the sign-in at the issuer has ended; sign in again");
        }
        return client.getAccessToken().getTokenValue();
    }
}
