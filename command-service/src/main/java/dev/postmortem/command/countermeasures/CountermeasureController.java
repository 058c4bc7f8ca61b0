package dev.postmortem.command.countermeasures;

import dev.postmortem.api.command.AssignCountermeasure;
import dev.postmortem.api.command.CompleteCountermeasure;
import dev.postmortem.api.command.DeclineCountermeasure;
import dev.postmortem.api.command.ProposeCountermeasure;
import dev.postmortem.api.command.ReviseCountermeasure;
import dev.postmortem.api.command.RevisitCountermeasure;
import dev.postmortem.api.command.StartCountermeasure;
import dev.postmortem.api.value.CountermeasurePriority;
import dev.postmortem.api.value.CountermeasureType;
import dev.postmortem.api.value.RevisitVerdict;
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
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.UUID;

import static dev.postmortem.command.web.TextLimits.LONG_TEXT;
import static dev.postmortem.command.web.TextLimits.LONG_TEXT_BYTES;
import static dev.postmortem.command.web.TextLimits.NAME;
import static dev.postmortem.command.web.TextLimits.NAME_BYTES;
import static dev.postmortem.command.web.TextLimits.SHORT_TEXT;
import static dev.postmortem.command.web.TextLimits.SHORT_TEXT_BYTES;
import static dev.postmortem.command.web.TextLimits.TITLE;
import static dev.postmortem.command.web.TextLimits.TITLE_BYTES;

/**
 * Countermeasures: proposed, assigned to an owner with a target date, started, completed or declined, and revisited
 * later to see whether they still take effect.
 */
@RestController
@RequestMapping("/api/postmortems/{id}/countermeasures")
class CountermeasureController {

    private final CommandSender sender;

    CountermeasureController(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping
    ResponseEntity<CreatedResult> propose(@PathVariable String id, @Valid @RequestBody CountermeasureRequest request,
                                          WriteContext context) {
        String countermeasureId = UUID.randomUUID().toString();
        return sender.create(new ProposeCountermeasure(id, context.expectedVersion(), countermeasureId, request.title(),
                request.description(), request.priority(), request.type()), countermeasureId, context);
    }

    @PutMapping("/{countermeasureId}")
    ResponseEntity<WriteResult> revise(@PathVariable String id, @PathVariable String countermeasureId,
                                       @Valid @RequestBody CountermeasureRequest request, WriteContext context) {
        return sender.update(new ReviseCountermeasure(id, context.expectedVersion(), countermeasureId, request.title(),
                request.description(), request.priority(), request.type()), context);
    }

    @PutMapping("/{countermeasureId}/assignment")
    ResponseEntity<WriteResult> assign(@PathVariable String id, @PathVariable String countermeasureId,
                                       @Valid @RequestBody AssignmentRequest request, WriteContext context) {
        return sender.update(new AssignCountermeasure(id, context.expectedVersion(), countermeasureId, request.owner(),
                request.targetDate()), context);
    }

    @PostMapping("/{countermeasureId}/start")
    ResponseEntity<WriteResult> start(@PathVariable String id, @PathVariable String countermeasureId, WriteContext context) {
        return sender.update(new StartCountermeasure(id, context.expectedVersion(), countermeasureId), context);
    }

    @PostMapping("/{countermeasureId}/complete")
    ResponseEntity<WriteResult> complete(@PathVariable String id, @PathVariable String countermeasureId,
                                         @Valid @RequestBody(required = false) CompletionRequest request, WriteContext context) {
        String note = request == null ? null : request.note();
        return sender.update(new CompleteCountermeasure(id, context.expectedVersion(), countermeasureId, note), context);
    }

    @PostMapping("/{countermeasureId}/decline")
    ResponseEntity<WriteResult> decline(@PathVariable String id, @PathVariable String countermeasureId,
                                        @Valid @RequestBody DeclineRequest request, WriteContext context) {
        return sender.update(new DeclineCountermeasure(id, context.expectedVersion(), countermeasureId, request.reason()), context);
    }

    @PostMapping("/{countermeasureId}/revisit")
    ResponseEntity<WriteResult> revisit(@PathVariable String id, @PathVariable String countermeasureId,
                                        @Valid @RequestBody RevisitRequest request, WriteContext context) {
        return sender.update(new RevisitCountermeasure(id, context.expectedVersion(), countermeasureId, request.verdict(),
                request.note()), context);
    }

    record CountermeasureRequest(@NotBlank @Size(max = TITLE) @Utf8Size(max = TITLE_BYTES) String title,
                                 @Size(max = LONG_TEXT) @Utf8Size(max = LONG_TEXT_BYTES) String description,
                                 @NotNull CountermeasurePriority priority,
                                 @NotNull CountermeasureType type) {
    }

    record AssignmentRequest(@NotBlank @Size(max = NAME) @Utf8Size(max = NAME_BYTES) String owner, @NotNull LocalDate targetDate) {
    }

    record CompletionRequest(@Size(max = SHORT_TEXT) @Utf8Size(max = SHORT_TEXT_BYTES) String note) {
    }

    record DeclineRequest(@NotBlank @Size(max = SHORT_TEXT) @Utf8Size(max = SHORT_TEXT_BYTES) String reason) {
    }

    record RevisitRequest(@NotNull RevisitVerdict verdict, @Size(max = SHORT_TEXT) @Utf8Size(max = SHORT_TEXT_BYTES) String note) {
    }
}
