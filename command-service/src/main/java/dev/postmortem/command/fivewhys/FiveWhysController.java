package dev.postmortem.command.fivewhys;

import dev.postmortem.api.command.AnswerWhy;
import dev.postmortem.api.command.RemoveWhy;
import dev.postmortem.command.web.CommandSender.WriteResult;
import dev.postmortem.command.web.CommandSender;
import dev.postmortem.command.web.Utf8Size;
import dev.postmortem.command.web.WriteContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static dev.postmortem.command.web.TextLimits.SHORT_TEXT;
import static dev.postmortem.command.web.TextLimits.SHORT_TEXT_BYTES;

/** The 5 whys: an ordered chain of why/answer steps, numbered from 1. The root cause is set on the post-mortem. */
@RestController
@RequestMapping("/api/postmortems/{id}/five-whys")
class FiveWhysController {

    private final CommandSender sender;

    FiveWhysController(CommandSender sender) {
        this.sender = sender;
    }

    @PutMapping("/{step}")
    ResponseEntity<WriteResult> answer(@PathVariable String id, @PathVariable int step, @Valid @RequestBody WhyRequest request,
                                       WriteContext context) {
        return sender.update(new AnswerWhy(id, context.expectedVersion(), step, request.question(), request.answer()), context);
    }

    @DeleteMapping("/{step}")
    ResponseEntity<WriteResult> remove(@PathVariable String id, @PathVariable int step, WriteContext context) {
        return sender.update(new RemoveWhy(id, context.expectedVersion(), step), context);
    }

    record WhyRequest(@NotBlank @Size(max = SHORT_TEXT) @Utf8Size(max = SHORT_TEXT_BYTES) String question,
                      @NotBlank @Size(max = SHORT_TEXT) @Utf8Size(max = SHORT_TEXT_BYTES) String answer) {
    }
}
