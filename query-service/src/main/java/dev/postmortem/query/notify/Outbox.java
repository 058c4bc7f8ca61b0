package dev.postmortem.query.notify;

import dev.postmortem.query.readmodel.PageResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The messages to send and how their delivery went ({@code notify_outbox}). A message is stored once (its id comes from
 * its cause and recipient: {@link Notification#idOf}); the dispatcher claims the due ones, one instance at a time
 * each, and records success, a retry after back-off, or — after the last attempt — a dead letter an operator can list
 * and send again.
 */
@Component
public class Outbox {

    static final String COLLECTION = "notify_outbox";
    /** How long a claimed message is left to its dispatcher before another may take it (it crashed, say). */
    static final Duration CLAIM = Duration.ofMinutes(2);

    private final MongoTemplate mongo;
    private final Clock clock;

    Outbox(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Stores the message unless it is stored already. @return whether it was new */
    boolean add(Notification notification) {
        Instant now = clock.instant();
        notification.createdAt = now;
        notification.nextAttemptAt = now;
        try {
            mongo.insert(notification, COLLECTION);
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    /**
     * Takes the next due message for sending: its next attempt is moved {@link #CLAIM} ahead, so that no other dispatcher
     * takes it meanwhile, and the attempt counted.
     */
    Optional<Notification> claimNext() {
        Instant now = clock.instant();
        Query due = Query.query(Criteria.where("status").is(Notification.Status.PENDING).and("nextAttemptAt").lte(now))
                         .with(Sort.by("nextAttemptAt", "_id"));
        return Optional.ofNullable(mongo.findAndModify(due, new Update().set("nextAttemptAt", now.plus(CLAIM)).inc("attempts", 1),
                FindAndModifyOptions.options().returnNew(true), Notification.class, COLLECTION));
    }

    void sent(Notification notification) {
        mongo.updateFirst(byId(notification.id), new Update().set("status", Notification.Status.SENT).set("sentAt", clock.instant())
                                                         .unset("lastError"), COLLECTION);
    }

    /** After a failed attempt: again after the back-off, or a dead letter after the last. */
    void failed(Notification notification, String error, NotifyProperties.Retry retry) {
        Update update = new Update().set("lastError", error.length() > 1000 ? error.substring(0, 1000) : error);
        if (notification.attempts >= retry.attempts()) {
            update.set("status", Notification.Status.DEAD);
        } else {
            update.set("nextAttemptAt", clock.instant().plus(retry.after(notification.attempts)));
        }
        mongo.updateFirst(byId(notification.id), update, COLLECTION);
    }

    /** A message that cannot be delivered however often it is tried (its webhook is no longer configured, say). */
    void undeliverable(Notification notification, String reason) {
        mongo.updateFirst(byId(notification.id), new Update().set("status", Notification.Status.DEAD).set("lastError", reason), COLLECTION);
    }

    PageResult<Notification> list(Notification.Status status, String postMortemId, int page, int size) {
        List<Criteria> criteria = new ArrayList<>();
        if (status != null) {
            criteria.add(Criteria.where("status").is(status));
        }
        if (postMortemId != null) {
            criteria.add(Criteria.where("postMortemId").is(postMortemId));
        }
        Query query = criteria.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(criteria.toArray(Criteria[]::new)));
        long total = mongo.count(query, COLLECTION);
        List<Notification> items = mongo.find(query.with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("_id")))
                                                   .skip((long) page * size).limit(size), Notification.class, COLLECTION);
        return new PageResult<>(items, page, size, total);
    }

    Optional<Notification> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Notification.class, COLLECTION));
    }

    /**
     * Sends a dead letter again: pending, due now, its attempts counted from zero, and who asked recorded.
     *
     * @return the message as it is now; empty if there is no such message
     * @throws NotDeadException if it is not a dead letter (pending or sent: sending it again could only repeat it)
     */
    Optional<Notification> resend(String id, String operator) {
        Notification before = mongo.findById(id, Notification.class, COLLECTION);
        if (before == null) {
            return Optional.empty();
        }
        if (before.status != Notification.Status.DEAD) {
            throw new NotDeadException(id, before.status);
        }
        Instant now = clock.instant();
        Query stillDead = Query.query(Criteria.where("_id").is(id).and("status").is(Notification.Status.DEAD));
        Notification after = mongo.findAndModify(stillDead, new Update().set("status", Notification.Status.PENDING).set("attempts", 0)
                                                                      .set("nextAttemptAt", now).push("resends", new Notification.Resend(operator, now)),
                FindAndModifyOptions.options().returnNew(true), Notification.class, COLLECTION);
        if (after == null) {
            throw new NotDeadException(id, Notification.Status.PENDING);
        }
        return Optional.of(after);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }

    static final class NotDeadException extends RuntimeException {
        NotDeadException(String id, Notification.Status status) {
            super("Notification " + id + " is " + status.name().toLowerCase(Locale.ROOT) + ", not a dead letter: only dead letters are sent again");
        }
    }
}
