package dev.postmortem.query.notify;

import dev.postmortem.kit.problem.Problems;
import dev.postmortem.query.readmodel.PageResult;
import dev.postmortem.query.security.Viewer;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;
import java.util.List;

/**
 * {@code /api/admin/notifications} (ADMIN): the notifier's outbox — what was sent, what waits for a retry, the dead
 * letters, and sending a dead letter again; and running today's digest now. What a message about a restricted
 * post-mortem says is shown only to an admin it names; to others it is listed by id, kind, recipient and state.
 */
@RestController
@RequestMapping("/api/admin/notifications")
class NotificationController {

    private final Outbox outbox;
    private final Digests digests;
    private final Resurfacing resurfacing;

    NotificationController(Outbox outbox, Digests digests, Resurfacing resurfacing) {
        this.outbox = outbox;
        this.digests = digests;
        this.resurfacing = resurfacing;
    }

    /** One outbox entry as an operator sees it. */
    record Entry(String id, String cause, String postMortemId, String kind, Notification.Channel channel, String recipient,
                 String person, String subject, String text, String body, Notification.Status status, int attempts,
                 Instant createdAt, Instant nextAttemptAt, Instant sentAt, String lastError, List<Notification.Resend> resends,
                 boolean redacted) {

        static Entry of(Notification n) {
            boolean redacted = !Viewer.current().maySee(n.visibleTo);
            return new Entry(n.id, redacted ? null : n.cause, n.postMortemId, n.kind, n.channel, n.recipient, n.person,
                    redacted ? null : n.subject, redacted ? null : n.text, redacted ? null : n.body, n.status, n.attempts,
                    n.createdAt, n.status == Notification.Status.PENDING ? n.nextAttemptAt : null, n.sentAt, n.lastError,
                    n.resends, redacted);
        }
    }

    @GetMapping
    PageResult<Entry> list(@RequestParam(required = false) Notification.Status status,
                           @RequestParam(required = false) String postMortemId,
                           @RequestParam(defaultValue = "0") @Min(0) int page,
                           @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        PageResult<Notification> found = outbox.list(status, postMortemId, page, size);
        return new PageResult<>(found.items().stream().map(Entry::of).toList(), found.page(), found.size(), found.total());
    }

    @GetMapping("/{id}")
    Entry one(@PathVariable String id) {
        return outbox.find(id).map(Entry::of).orElseThrow(() -> new NotFound(id));
    }

    @PostMapping("/{id}/resend")
    Entry resend(@PathVariable String id, Principal operator) {
        return outbox.resend(id, operator.getName()).map(Entry::of).orElseThrow(() -> new NotFound(id));
    }

    /** Puts today's digests in the outbox now (each owner still gets one a day). */
    @PostMapping("/digest")
    Digests.Run digest() {
        return digests.run();
    }

    /** Puts this month's "earlier years" message in the outbox now (each chat webhook still gets one a month). */
    @PostMapping("/resurface")
    Resurfacing.Run resurface() {
        return resurfacing.run();
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Object> notFound(NotFound ex) {
        return Problems.of(HttpStatus.NOT_FOUND, "notification-not-found", "Notification not found", ex.getMessage(), "id");
    }

    @ExceptionHandler(Outbox.NotDeadException.class)
    ResponseEntity<Object> notDead(Outbox.NotDeadException ex) {
        return Problems.of(HttpStatus.CONFLICT, "notification-not-dead", "Not a dead letter", ex.getMessage(), "id");
    }

    static final class NotFound extends RuntimeException {
        NotFound(String id) {
            super("No notification " + id);
        }
    }
}
