package dev.postmortem.kit.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Bounds password guessing over HTTP Basic, per user name and per client address: each failed sign-in takes a token
 * from both buckets (Bucket4j, refilled steadily over {@code per}); sign-ins that succeed take none, however many run at
 * once. With either bucket empty, an attempt is refused with 429 and {@code Retry-After} before any password is
 * checked: a guess costs the attacker time, and the service no bcrypt. (Guesses already in flight when a bucket
 * empties still count, so a burst can overshoot by the number of requests in flight at once.) Names are throttled whether or not such a user
 * exists, so the answers tell nothing about which do. (Behind a proxy every client has the proxy's address: set
 * {@code server.forward-headers-strategy} so that the client's own address counts.)
 */
public final class LoginThrottle extends OncePerRequestFilter {

    private static final String BASIC = "Basic ";

    private final SecurityProperties.LoginThrottle settings;
    private final SecurityProblems problems;
    private final Cache<String, Bucket> buckets;

    public LoginThrottle(SecurityProperties.LoginThrottle settings, SecurityProblems problems) {
        this.settings = settings;
        this.problems = problems;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(settings.per().multipliedBy(2)).build();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        return !settings.enabled() || authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Bucket user = bucket("user:" + userName(request.getHeader(HttpHeaders.AUTHORIZATION)), settings.failuresPerUser());
        Bucket address = bucket("address:" + request.getRemoteAddr(), settings.failuresPerAddress());
        for (Bucket bucket : new Bucket[] {user, address}) {
            if (bucket.getAvailableTokens() < 1) {
                refuse(response, bucket);
                return;
            }
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
            user.tryConsume(1);
            address.tryConsume(1);
        }
    }

    private Bucket bucket(String key, int failures) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(failures).refillGreedy(failures, settings.per()).build()).build());
    }

    private void refuse(HttpServletResponse response, Bucket empty) throws IOException {
        long seconds = Math.max(1, (empty.estimateAbilityToConsume(1).getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-in-failures", "Too many failed sign-ins",
                "Too many failed sign-ins for this user or from this address; try again in " + seconds + " s.", HttpHeaders.AUTHORIZATION);
    }

    /** The user name of a Basic header; what precedes the first colon, or the whole if it does not decode. */
    static String userName(String authorization) {
        String credentials = authorization.substring(BASIC.length()).strip();
        try {
            String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return credentials;
        }
    }
}
