package dev.postmortem.web.backend;

import org.springframework.security.core.Authentication;

/**
 * What the web UI sends the services for the person signed in: in mode {@code local} a two-minute token it signs
 * for them ({@code WebTokens}); in mode {@code jwt} their own access token from the organisation's issuer, refreshed
 * when it has expired.
 */
@FunctionalInterface
public interface Credentials {

    /** The bearer token for this person's next request. */
    String bearerFor(Authentication person);
}
