package dev.postmortem.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.postmortem.command.domain.NotAReviewerException;
import dev.postmortem.command.domain.PostMortemRuleViolation.Violation;
import dev.postmortem.command.domain.PostMortemRuleViolation;
import dev.postmortem.command.domain.StateConflictException;
import dev.postmortem.command.domain.UnknownPartException;
import dev.postmortem.kit.problem.ApiProblemHandler;
import dev.postmortem.kit.problem.Problems;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Every error is an RFC 9457 {@code application/problem+json} document, whatever the request's Accept header says
 * (the Content-Type is set on each problem response, so content negotiation cannot turn it into an empty 406).
 * Besides the standard members it carries {@code errors}: a list of {@code {field, message}} naming each request
 * field at fault (a JSON path into the body, a path variable, a parameter or a header). Problem types are documented
 * in docs/problems.md.
 */
@RestControllerAdvice
class ProblemHandler extends ApiProblemHandler {


    // ---- malformed requests: 400 ----------------------------------------------------------------------------

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException ex, @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        List<Violation> violations = ex.getBindingResult().getFieldErrors().stream()
                                       .sorted(Comparator.comparing(FieldError::getField))
                                       .map(error -> new Violation(error.getField(), error.getDefaultMessage()))
                                       .toList();
        return problem(HttpStatus.BAD_REQUEST, "validation-failed", "Invalid request",
                "The request has " + violations.size() + " invalid field(s).", violations);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(@NonNull HandlerMethodValidationException ex,
                                                                            @NonNull HttpHeaders headers, @NonNull HttpStatusCode status,
                                                                            @NonNull WebRequest request) {
        List<Violation> violations = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new Violation(
                        result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "validation-failed", "Invalid request",
                "The request has " + violations.size() + " invalid value(s).", violations);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException ex, @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        RequestSizeLimit.TooLargeException tooLarge = causeOfType(ex, RequestSizeLimit.TooLargeException.class);
        if (tooLarge != null) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "request-too-large", "Request too large", tooLarge.getMessage() + ".",
                    List.of(new Violation("body", "at most " + tooLarge.maxBytes + " bytes")));
        }
        JsonMappingException mapping = causeOfType(ex, JsonMappingException.class);
        if (mapping != null && !mapping.getPath().isEmpty()) {
            String field = path(mapping);
            return problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body",
                    "Field '" + field + "' " + describe(mapping), List.of(new Violation(field, describe(mapping))));
        }
        JsonProcessingException json = causeOfType(ex, JsonProcessingException.class);
        if (json != null) {
            String where = json.getLocation() == null ? ""
                    : " at line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr();
            return problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body",
                    "The body is not well-formed JSON" + where + ".", List.of(new Violation("body", "malformed JSON" + where)));
        }
        return problem(HttpStatus.BAD_REQUEST, "unreadable-body", "Unreadable request body",
                "A JSON request body is required.", List.of(new Violation("body", "missing or unreadable")));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(@NonNull TypeMismatchException ex,
                                                        @NonNull HttpHeaders headers, @NonNull HttpStatusCode status,
                                                        @NonNull WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName().toLowerCase();
        String message = "'" + ex.getValue() + "' is not a valid " + expected;
        return problem(HttpStatus.BAD_REQUEST, "validation-failed", "Invalid request", message, List.of(new Violation(field, message)));
    }

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Object> badRequest(BadRequestException ex) {
        return problem(HttpStatus.BAD_REQUEST, "validation-failed", "Invalid request", ex.field() + " " + ex.getMessage(),
                List.of(new Violation(ex.field(), ex.getMessage())));
    }

    /**
     * A multipart body fails in the servlet container's parser before any handler is chosen. This API reads JSON
     * only: 415, as for a well-formed multipart body.
     */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> multipart(MultipartException ex) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported Media Type",
                "Request bodies are application/json; multipart bodies are not accepted.",
                List.of(new Violation("Content-Type", "must be application/json")));
    }

    /** A role check inside a handler (e.g. creating a restricted post-mortem): 403 like Spring Security's own. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException ex) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", "Your roles do not allow this: " + ex.getMessage() + ".",
                List.of(new Violation("Authorization", ex.getMessage())));
    }

    // ---- the post-mortem refuses: 404 / 409 / 422 -----------------------------------------------------------

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> notFound(AggregateNotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, "post-mortem-not-found", "Post-mortem not found",
                "There is no post-mortem " + ex.getAggregateIdentifier() + ".", List.of(new Violation("id", "unknown post-mortem")));
    }

    @ExceptionHandler(PostMortemRuleViolation.class)
    ResponseEntity<Object> ruleViolation(PostMortemRuleViolation ex) {
        if (ex instanceof UnknownPartException) {
            return problem(HttpStatus.NOT_FOUND, "unknown-part", "Not part of this post-mortem", ex.getMessage(), ex.violations());
        }
        if (ex instanceof StateConflictException) {
            return problem(HttpStatus.CONFLICT, "state-conflict", "Not possible in the current state", ex.getMessage(), ex.violations());
        }
        if (ex instanceof NotAReviewerException) {
            return problem(HttpStatus.FORBIDDEN, "not-a-reviewer", "Not a reviewer of this post-mortem", ex.getMessage(), ex.violations());
        }
        return problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-value", "Invalid value", ex.getMessage(), ex.violations());
    }

    // ---- concurrency: 412 for a stale If-Match, 409 for a lost race -----------------------------------------

    @ExceptionHandler(ConflictingModificationException.class)
    ResponseEntity<Object> staleVersion(ConflictingModificationException ex) {
        ResponseEntity<Object> response = problem(HttpStatus.PRECONDITION_FAILED, "stale-version", "The post-mortem has changed",
                "If-Match names a version that is not the current one: read the post-mortem again and reapply your change.",
                List.of(new Violation("If-Match", "not the current version")));
        if (ex instanceof ConflictingAggregateVersionException versions && response.getBody() instanceof ProblemDetail problem) {
            problem.setProperty("currentVersion", versions.getActualVersion());
        }
        return response;
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrentWrite(ConcurrencyException ex) {
        return problem(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent change",
                "Another change to this post-mortem was stored at the same moment; send the request again.", List.of());
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<Object> alreadyExists(AggregateStreamCreationException ex) {
        return problem(HttpStatus.CONFLICT, "concurrent-modification", "Already exists",
                "A post-mortem with this id was created at the same moment.", List.of(new Violation("id", "already exists")));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> commandFailed(CommandExecutionException ex) {
        Throwable cause = ex.getCause();
        if (cause instanceof PostMortemRuleViolation violation) {
            return ruleViolation(violation);
        }
        if (cause instanceof TimeoutException) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "timeout", "Timed out",
                    "The change could not be completed in time; it may or may not have been stored. Read before retrying.", List.of());
        }
        return unexpected(ex);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    static ResponseEntity<Object> problem(HttpStatus status, String type, String title, String detail, List<Violation> violations) {
        return Problems.withErrors(status, type, title, detail, violations.stream().map(v -> new Problems.FieldError(v.field(), v.message())).toList());
    }

    private static <T extends Throwable> T causeOfType(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String describe(JsonMappingException mapping) {
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", "));
            return "is not a known field (known: " + known + ")";
        }
        if (mapping instanceof InvalidFormatException format) {
            Class<?> target = format.getTargetType();
            if (target != null && target.isEnum()) {
                return "has value '" + format.getValue() + "'; expected one of " + Arrays.toString(target.getEnumConstants());
            }
            return "has value '" + format.getValue() + "', which is not " + expectedFormat(target);
        }
        if (mapping instanceof MismatchedInputException mismatch) {
            return "has the wrong type; expected " + expectedFormat(mismatch.getTargetType());
        }
        return "could not be read";
    }

    private static String expectedFormat(Class<?> target) {
        if (target == null) {
            return "a value of another type";
        }
        return switch (target.getSimpleName()) {
            case "Instant" -> "an ISO-8601 instant such as 2026-11-28T09:15:00Z";
            case "LocalDate" -> "an ISO-8601 date such as 2026-12-31";
            case "String" -> "a string";
            case "List", "Set" -> "an array";
            case "int", "Integer", "long", "Long" -> "a whole number";
            default -> target.isEnum() ? "one of " + Arrays.toString(target.getEnumConstants()) : "a " + target.getSimpleName();
        };
    }
}
