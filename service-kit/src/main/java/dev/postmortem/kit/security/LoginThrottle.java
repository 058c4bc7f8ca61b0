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
 * Bounds password guessing, per user name and per client address: each failed sign-in takes a token from both
 * buckets (Bucket4j, refilled steadily over {@code per}); sign-ins that succeed take none, however many run at once.
 * With either bucket empty, an attempt is refused before any password is checked: a guess costs the attacker time,
 * and the service no bcrypt. (Guesses already in flight when a bucket empties still count, so a burst can overshoot
 * by the number of requests in flight at once.) Names are throttled whether or not such a user exists, so the
 * answers tell nothing about which do. (Behind a proxy every client has the proxy's address: set
 * {@code server.forward-headers-strategy} so that the client's own address counts.)
 * <p>
 * What a sign-in is, how it failed and how a refusal is answered is a {@link SignIn}: {@link #basic} for the APIs'
 * HTTP Basic (a 401 is a failure, the refusal a 429 problem with {@code Retry-After}), {@link #form} for the web UI's
 * sign-in form (a redirect back to the form is a failure, the refusal is the form again, saying how long to wait).
 */
public final class LoginThrottle extends OncePerRequestFilter {

    /** One way of signing in. */
    public interface SignIn {
        /** The user name this request signs in as, or null when it is no sign-in. */
        String userName(HttpServletRequest request);

        /** Whether the answer says the password was not accepted. */
        boolean failed(HttpServletResponse response);

        /** Refuses the attempt: try again in {@code seconds}. */
        void refuse(HttpServletResponse response, long seconds) throws IOException;
    }

    private static final String BASIC = "Basic ";

    private final SecurityProperties.LoginThrottle settings;
    private final SignIn signIn;
    private final Cache<String, Bucket> buckets;

    public LoginThrottle(SecurityProperties.LoginThrottle settings, SignIn signIn) {
        this.settings = settings;
        this.signIn = signIn;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(settings.per().multipliedBy(2)).build();
    }

    /** HTTP Basic: a request with Basic credentials is a sign-in, a 401 its failure, a refusal 429 with {@code Retry-After}. */
    public static LoginThrottle basic(SecurityProperties.LoginThrottle settings, SecurityProblems problems) {
        return new LoginThrottle(settings, new SignIn() {
            @Override
            public String userName(HttpServletRequest request) {
                String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
                return authorization == null || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length()) ? null
                        : LoginThrottle.userName(authorization);
            }

            @Override
            public boolean failed(HttpServletResponse response) {
                return response.getStatus() == HttpStatus.UNAUTHORIZED.value();
            }

            @Override
            public void refuse(HttpServletResponse response, long seconds) throws IOException {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "too-many-sign-in-failures", "Too many failed sign-ins",
                        "Too many failed sign-ins for this user or from this address; try again in " + seconds + " s.",
                        HttpHeaders.AUTHORIZATION);
            }
        });
    }

    /**
     * A sign-in form: a POST to {@code path} with the user name in {@code username} is a sign-in, a redirect to
     * {@code failureUrl} its failure; a refusal redirects to {@code path?throttled=<seconds>}, with
     * {@code Retry-After}.
     */
    public static LoginThrottle form(SecurityProperties.LoginThrottle settings, String path, String failureUrl) {
        return new LoginThrottle(settings, new SignIn() {
            @Override
            public String userName(HttpServletRequest request) {
                String within = request.getRequestURI().substring(request.getContextPath().length());
                if (!"POST".equals(request.getMethod()) || !path.equals(within)) {
                    return null;
                }
                String name = request.getParameter("username");
                return name == null ? "" : name;
            }

            @Override
            public boolean failed(HttpServletResponse response) {
                String location = response.getHeader(HttpHeaders.LOCATION);
                return response.getStatus() == HttpStatus.FOUND.value() && location != null && location.endsWith(failureUrl);
            }

            @Override
            public void refuse(HttpServletResponse response, long seconds) throws IOException {
                response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                response.sendRedirect(path + "?throttled=" + seconds);
            }
        });
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !settings.enabled() || signIn.userName(request) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Bucket user = bucket("user:" + signIn.userName(request), settings.failuresPerUser());
        Bucket address = bucket("address:" + request.getRemoteAddr(), settings.failuresPerAddress());
        for (Bucket bucket : new Bucket[] {user, address}) {
            if (bucket.getAvailableTokens() < 1) {
                signIn.refuse(response, Math.max(1, (bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill() + 999_999_999L)
                        / 1_000_000_000L));
                return;
            }
        }
        chain.doFilter(request, response);
        if (signIn.failed(response)) {
            user.tryConsume(1);
            address.tryConsume(1);
        }
    }

    private Bucket bucket(String key, int failures) {
        return buckets.get(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(failures).refillGreedy(failures, settings.per()).build()).build());
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
