package dev.postmortem.command.review;

import dev.postmortem.api.command.ApproveReview;
import dev.postmortem.api.command.CommentOnReview;
import dev.postmortem.api.command.RequestChanges;
import dev.postmortem.api.command.ResolveReviewComment;
import dev.postmortem.api.value.ReviewSection;
import dev.postmortem.command.web.CommandSender;
import dev.postmortem.command.web.CommandSender.CreatedResult;
import dev.postmortem.command.web.CommandSender.WriteResult;
import dev.postmortem.command.web.Utf8Size;
import dev.postmortem.command.web.WriteContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

import static dev.postmortem.command.web.TextLimits.NAME;
import static dev.postmortem.command.web.TextLimits.NAME_BYTES;
import static dev.postmortem.command.web.TextLimits.SHORT_TEXT;
import static dev.postmortem.command.web.TextLimits.SHORT_TEXT_BYTES;

/**
 * The review of a post-mortem: comment threads about its sections, timeline entries and countermeasures, and the
 * reviewers' verdicts. Reviewers are named when it is submitted for review ({@code POST /{id}/submit-for-review}).
 */
@RestController
@RequestMapping("/api/postmortems/{id}/review")
class ReviewController {

    private final CommandSender sender;

    ReviewController(CommandSender sender) {
        this.sender = sender;
    }

    /** A new thread ({@code section}, optionally {@code partId}), or with {@code replyTo} a reply in one. */
    @PostMapping("/comments")
    ResponseEntity<CreatedResult> comment(@PathVariable String id, @Valid @RequestBody CommentRequest request, WriteContext context) {
        String commentId = UUID.randomUUID().toString();
        return sender.create(new CommentOnReview(id, context.expectedVersion(), commentId, request.replyTo(), request.section(),
                request.partId(), request.text()), commentId, context);
    }

    @PostMapping("/comments/{commentId}/resolve")
    ResponseEntity<WriteResult> resolve(@PathVariable String id, @PathVariable String commentId, WriteContext context) {
        return sender.update(new ResolveReviewComment(id, context.expectedVersion(), commentId), context);
    }

    @PostMapping("/approve")
    ResponseEntity<WriteResult> approve(@PathVariable String id, @Valid @RequestBody(required = false) VerdictRequest request,
                                        WriteContext context) {
        return sender.update(new ApproveReview(id, context.expectedVersion(), request == null ? null : request.note()), context);
    }

    @PostMapping("/request-changes")
    ResponseEntity<WriteResult> requestChanges(@PathVariable String id, @Valid @RequestBody VerdictRequest request, WriteContext context) {
        return sender.update(new RequestChanges(id, context.expectedVersion(), request.note()), context);
    }

    record CommentRequest(ReviewSection section,
                          @Size(max = NAME) @Utf8Size(max = NAME_BYTES) String partId,
                          @Size(max = NAME) @Utf8Size(max = NAME_BYTES) String replyTo,
                          @NotBlank @Size(max = SHORT_TEXT) @Utf8Size(max = SHORT_TEXT_BYTES) String text) {
    }

    record VerdictRequest(@Size(max = SHORT_TEXT) @Utf8Size(max = SHORT_TEXT_BYTES) String note) {
    }
}
