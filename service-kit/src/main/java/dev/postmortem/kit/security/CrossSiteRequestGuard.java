package dev.postmortem.kit.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * Cross-site request forgery: a browser that holds a user's Basic credentials sends them with any form another site
 * makes it submit, and a form can POST with no body (publish, submit for review, rebuild, retry a dead letter). A
 * form, though, can send neither a JSON content type nor a header of its own. So every request that changes state
 * needs one of: {@code Content-Type: application/json} (or {@code +json}), the header {@value #HEADER} (any value),
 * or the browser's own word that it comes from this origin ({@code Sec-Fetch-Site: same-origin}, a header no page can
 * set — Swagger UI's requests carry it). Anything else is refused with 403 before it is authenticated.
 */
public final class CrossSiteRequestGuard extends OncePerRequestFilter {

    public static final String HEADER = "X-Requested-With";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final SecurityProblems problems;

    public CrossSiteRequestGuard(SecurityProblems problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return SAFE.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (json(request.getContentType()) || request.getHeader(HEADER) != null || "same-origin".equals(request.getHeader("Sec-Fetch-Site"))) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(response, HttpStatus.FORBIDDEN, "cross-site-request", "Possible cross-site request",
                "A change needs Content-Type: application/json or the header " + HEADER + " (a cross-site form can send neither).",
                HttpHeaders.CONTENT_TYPE);
    }

    static boolean json(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isCompatibleWith(MediaType.APPLICATION_JSON) && type.isConcrete()
                    || "application".equals(type.getType()) && type.getSubtype().endsWith("+json");
        } catch (InvalidMediaTypeException unparseable) {
            return false;
        }
    }
}
