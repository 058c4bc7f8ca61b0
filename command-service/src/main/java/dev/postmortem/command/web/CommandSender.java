package dev.postmortem.command.web;

import dev.postmortem.api.command.PostMortemCommand;
import dev.postmortem.command.language.WritingCheck;
import dev.postmortem.kit.language.BlamelessLanguage.Finding;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Sends a command with the request's audit metadata and turns the resulting version into the HTTP answer. */
@Component
public class CommandSender {

    private static final long TIMEOUT_SECONDS = 30;

    private final CommandGateway commandGateway;
    private final WritingCheck writingCheck;

    CommandSender(CommandGateway commandGateway, WritingCheck writingCheck) {
        this.commandGateway = commandGateway;
        this.writingCheck = writingCheck;
    }

    /** Sends the command and returns the aggregate's version afterwards. */
    long send(PostMortemCommand command, WriteContext context) {
        Object result = commandGateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(context.metaData()),
                TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return result instanceof Number version ? version.longValue() : 0L;
    }

    /** 200 with the new version in the body and as ETag, and what the blameless-writing check found in the text. */
    public ResponseEntity<WriteResult> update(PostMortemCommand command, WriteContext context) {
        long version = send(command, context);
        return ResponseEntity.ok().eTag(ETags.of(version))
                             .body(new WriteResult(command.postMortemId(), version, writingCheck.check(command)));
    }

    /**
     * 201 for a new part of a post-mortem, its URL in Location: the request's path plus the new id, without the
     * request's query (which is no part of the new URL, and, echoed, could outgrow the response headers: FuzzIT).
     */
    public ResponseEntity<CreatedResult> create(PostMortemCommand command, String newId, WriteContext context) {
        long version = send(command, context);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(newId).toUri();
        return ResponseEntity.status(HttpStatus.CREATED)
                             .header(HttpHeaders.LOCATION, location.toString())
                             .eTag(ETags.of(version))
                             .body(new CreatedResult(newId, command.postMortemId(), version, writingCheck.check(command)));
    }

    /**
     * 201 for a new post-mortem made of several events in one command (an import): a creation answers with the new
     * aggregate's id, not its version, so the caller says what version its events reached.
     */
    public ResponseEntity<CreatedResult> createMany(PostMortemCommand command, WriteContext context, LongSupplier version) {
        send(command, context);
        long reached = version.getAsLong();
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().replaceQuery(null).path("/{id}").buildAndExpand(command.postMortemId()).toUri();
        return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.LOCATION, location.toString()).eTag(ETags.of(reached))
                             .body(new CreatedResult(command.postMortemId(), command.postMortemId(), reached, List.of()));
    }

    /**
     * The answer to a write: which post-mortem, its version now (also the ETag), and warnings about language a
     * blameless post-mortem avoids (empty when there is none; the write happened either way).
     */
    public record WriteResult(String postMortemId, long version, List<Finding> warnings) {
    }

    /** The answer to a write that created something: its id, the post-mortem's id and version, and warnings. */
    public record CreatedResult(String id, String postMortemId, long version, List<Finding> warnings) {
    }
}
