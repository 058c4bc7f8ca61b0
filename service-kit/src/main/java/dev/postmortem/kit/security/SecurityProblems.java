package dev.postmortem.kit.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postmortem.kit.problem.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The problem+json documents security writes itself, before any controller: 401, 403, 429 (docs/problems.md). */
public final class SecurityProblems {

    private final ObjectMapper json;

    public SecurityProblems(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param field the request part at fault ({@code Authorization}, {@code Content-Type}, ...), named in {@code errors}
     */
    public void write(HttpServletResponse response, HttpStatus status, String type, String title, String detail, String field)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(Problems.TYPE_PREFIX + type));
        problem.setTitle(title);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
