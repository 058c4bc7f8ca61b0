package dev.postmortem.query.web;

import dev.postmortem.kit.problem.ApiProblemHandler;
import dev.postmortem.kit.problem.Problems.BadParameterException;
import dev.postmortem.kit.problem.Problems;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
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

/**
 * RFC 9457 problem documents for the query API, with the same {@code type} URIs and {@code errors} member as the
 * command API (docs/problems.md).
 */
@RestControllerAdvice
public class QueryProblems extends ApiProblemHandler {


    /** No post-mortem (or no state at the requested time or version). */
    public static final class NotFoundException extends RuntimeException {
        private final String field;

        public NotFoundException(String field, String message) {
            super(message);
            this.field = field;
        }
    }

    public static NotFoundException postMortemNotFound(String id) {
        return new NotFoundException("id", "There is no post-mortem " + id + " (or it is not in the views yet).");
    }

    /** The view has not caught up with the version the client wrote (read-your-writes) within the wait. */
    public static final class ViewBehindException extends RuntimeException {
        private final long current;

        public ViewBehindException(String id, long wanted, long current) {
            super("The view of post-mortem " + id + " is at version " + current + ", not yet at " + wanted + "; try again shortly.");
            this.current = current;
        }
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "post-mortem-not-found", "Not found", ex.getMessage(), ex.field);
    }

    @ExceptionHandler(BadParameterException.class)
    ResponseEntity<Object> badParameter(BadParameterException ex) {
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
    protected ResponseEntity<Object> handleTypeMismatch(@NonNull TypeMismatchException ex,
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

    private static ResponseEntity<Object> problem(HttpStatus status, String type, String title, String detail, String field) {
        return Problems.of(status, type, title, detail, field);
    }
}
