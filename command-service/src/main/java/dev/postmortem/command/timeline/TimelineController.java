package dev.postmortem.command.timeline;

import dev.postmortem.api.command.AddTimelineEntry;
import dev.postmortem.api.command.CorrectTimelineEntry;
import dev.postmortem.api.command.WithdrawTimelineEntry;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.command.web.CommandSender.CreatedResult;
import dev.postmortem.command.web.CommandSender.WriteResult;
import dev.postmortem.command.web.CommandSender;
import dev.postmortem.command.web.Utf8Size;
import dev.postmortem.command.web.WriteContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.UUID;

import static dev.postmortem.command.web.TextLimits.NAME;
import static dev.postmortem.command.web.TextLimits.NAME_BYTES;
import static dev.postmortem.command.web.TextLimits.SHORT_TEXT;
import static dev.postmortem.command.web.TextLimits.SHORT_TEXT_BYTES;

/** The incident timeline. Entries are corrected or withdrawn, never deleted: the history keeps every version. */
@RestController
@RequestMapping("/api/postmortems/{id}/timeline")
class TimelineController {

    private final CommandSender sender;

    TimelineController(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping
    ResponseEntity<CreatedResult> add(@PathVariable String id, @Valid @RequestBody EntryRequest request, WriteContext context) {
        String entryId = UUID.randomUUID().toString();
        return sender.create(new AddTimelineEntry(id, context.expectedVersion(), entryId, request.occurredAt(), request.kind(),
                request.description(), request.effect(), request.perspective()), entryId, context);
    }

    @PutMapping("/{entryId}")
    ResponseEntity<WriteResult> correct(@PathVariable String id, @PathVariable String entryId,
                                        @Valid @RequestBody EntryRequest request, WriteContext context) {
        return sender.update(new CorrectTimelineEntry(id, context.expectedVersion(), entryId, request.occurredAt(), request.kind(),
                request.description(), request.effect(), request.perspective()), context);
    }

    @DeleteMapping("/{entryId}")
    ResponseEntity<WriteResult> withdraw(@PathVariable String id, @PathVariable String entryId, WriteContext context) {
        return sender.update(new WithdrawTimelineEntry(id, context.expectedVersion(), entryId), context);
    }

    /** When, what kind, what was done or observed, with what effect, and whose account it is. */
    record EntryRequest(@NotNull Instant occurredAt,
                        @NotNull TimelineEntryKind kind,
                        @NotBlank @Size(max = SHORT_TEXT) @Utf8Size(max = SHORT_TEXT_BYTES) String description,
                        @Size(max = SHORT_TEXT) @Utf8Size(max = SHORT_TEXT_BYTES) String effect,
                        @Size(max = NAME) @Utf8Size(max = NAME_BYTES) String perspective) {
    }
}
