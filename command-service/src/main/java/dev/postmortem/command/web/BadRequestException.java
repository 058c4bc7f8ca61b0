package dev.postmortem.command.web;

/** A request that is malformed outside its body (a header or parameter), reported as 400 naming the field. */
public class BadRequestException extends RuntimeException {

    private final String field;

    public BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
