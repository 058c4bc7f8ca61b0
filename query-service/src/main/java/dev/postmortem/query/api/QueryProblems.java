package dev.postmortem.query.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.NonNull;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;

/**
 * RFC 9457 problem documents for the query API, with the same {@code type} URIs and {@code errors} member as the
 * command API (docs/problems.md).
 */
@RestControllerAdvice
class QueryProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(QueryProblems.class);
    static final String TYPE_PREFIX = Problems.TYPE_PREFIX;

    /** No post-mortem (or no state at the requested time or version). */
    static final class NotFoundException extends RuntimeException {
        private final String field;

        NotFoundException(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    static NotFoundException postMortemNotFound(String id) {
        return new NotFoundException("id", "There is no post-mortem " + id + " (or it is not in the views yet).");
    }

    /** The view has not caught up with the version the client wrote (read-your-writes) within the wait. */
    static final class ViewBehindException extends RuntimeException {
        private final long current;

        ViewBehindException(String id, long wanted, long current) {
            super("The view of post-mortem " + id + " is at version " + current + ", not yet at " + wanted + "; try again shortly.");
            this.current = current;
        }
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "post-mortem-not-found", "Not found", ex.getMessage(), ex.field);
    }

    @ExceptionHandler(Problems.BadParameterException.class)
    ResponseEntity<Object> badParameter(Problems.BadParameterException ex) {
        return problem(HttpStatus.BAD_REQUEST, "validation-failed", "Invalid request", ex.getMessage(), ex.field());
    }

    @ExceptionHandler(ViewBehindException.class)
    ResponseEntity<Object> behind(ViewBehindException ex) {
        ResponseEntity<Object> response = problem(HttpStatus.SERVICE_UNAVAILABLE, "view-behind", "View not caught up yet",
                ex.getMessage(), "minVersion");
        ((ProblemDetail) response.getBody()).setProperty("currentVersion", ex.current);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(response.getBody());
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(@NonNull HandlerMethodValidationException ex,
                                                                            @NonNull HttpHeaders headers, @NonNull HttpStatusCode status,
                                                                            @NonNull WebRequest request) {
        var result = ex.getParameterValidationResults().get(0);
        String message = result.getResolvableErrors().get(0).getDefaultMessage();
        return problem(HttpStatus.BAD_REQUEST, "validation-failed", "Invalid request",
                result.getMethodParameter().getParameterName() + " " + message, result.getMethodParameter().getParameterName());
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(@NonNull MissingServletRequestParameterException ex,
                                                                          @NonNull HttpHeaders headers, @NonNull HttpStatusCode status,
                                                                          @NonNull WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "validation-failed", "Invalid request", ex.getParameterName() + " is required",
                ex.getParameterName());
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(@NonNull org.springframework.beans.TypeMismatchException ex,
                                                        @NonNull HttpHeaders headers, @NonNull HttpStatusCode status,
                                                        @NonNull WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "value" : switch (ex.getRequiredType().getSimpleName()) {
            case "Instant" -> "ISO-8601 instant such as 2026-11-28T09:15:00Z";
            case "long", "Long", "int", "Integer" -> "whole number";
            case "boolean", "Boolean" -> "boolean (true or false)";
            default -> ex.getRequiredType().getSimpleName();
        };
        return problem(HttpStatus.BAD_REQUEST, "validation-failed", "Invalid request",
                "'" + ex.getValue() + "' is not a valid " + expected, field);
    }

    /** A multipart body fails in the container's parser before any handler is chosen; the API reads no bodies of that kind. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException ex) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported Media Type",
                "Multipart bodies are not accepted.", "Content-Type");
    }

    /** Spring Security's firewall refuses what it finds unsafe (e.g. a parameter name with control characters) while a handler reads it. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException ex) {
        return problem(HttpStatus.BAD_REQUEST, "bad-request", "Bad Request", "The request was refused as unsafe: " + ex.getMessage(), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        log.error("Unexpected error while handling a request", ex);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The server failed to handle the request; the error has been logged.", null);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception ex, Object body, @NonNull HttpHeaders headers,
                                                             @NonNull HttpStatusCode statusCode, @NonNull WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(URI.create(TYPE_PREFIX + Problems.statusSlug(statusCode.value())));
            if (problem.getProperties() == null || !problem.getProperties().containsKey("errors")) {
                problem.setProperty("errors", List.of());
            }
        }
        if (response != null && response.getBody() instanceof ProblemDetail) {
            // Set, not negotiated: content negotiation would turn a problem for an unsatisfiable Accept into an empty 406.
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                                 .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(response.getBody());
        }
        return response;
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String type, String title, String detail, String field) {
        return Problems.of(status, type, title, detail, field);
    }
}
