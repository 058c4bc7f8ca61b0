package dev.postmortem.query.notify;

import dev.postmortem.query.failclosed.Stuck;
import dev.postmortem.query.postmortem.PostMortemFold;
import dev.postmortem.query.postmortem.PostMortemView;
import dev.postmortem.query.projection.BatchProjection;
import dev.postmortem.query.stream.CloudEventReader;
import dev.postmortem.query.stream.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The notifier's reading of the stream, in a consumer group of its own: it folds each post-mortem's events into its own
 * copy of the view ({@code notify_views}, the same fold as the views) — so that who may see a post-mortem is known at
 * exactly the event being announced, not at wherever the views happen to be — and turns events into messages in the
 * outbox ({@link Messages}).
 * <p>
 * Exactly once as people see it: a poll's messages are stored (each under an id made of its event and recipient, so a
 * message made twice is stored once) before the views that made them; an event read again — a redelivery after a crash,
 * a replay — is either skipped by the version guard or makes the same messages again, which are already there.
 * <p>
 * Fail closed: an event that cannot be read or follows a gap leaves the post-mortem stuck here, and a stuck post-mortem
 * announces nothing, until the missing events have been applied (a retried dead letter comes through here too).
 */
@Component
@Conditional(NotifierEnabled.class)
class NotifierListener {

    static final String ID = "notifier";
    static final String VIEWS = "notify_views";
    private static final Logger log = LoggerFactory.getLogger(NotifierListener.class);

    private final CloudEventReader reader;
    private final MongoTemplate mongo;
    private final Outbox outbox;
    private final Messages messages;
    private final NotifyProperties properties;
    private final Clock clock;

    NotifierListener(CloudEventReader reader, MongoTemplate mongo, Outbox outbox, Messages messages, NotifyProperties properties,
                     Clock clock) {
        this.reader = reader;
        this.mongo = mongo;
        this.outbox = outbox;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock;
    }

    @KafkaListener(id = ID, topics = "${postmortem.query.topic}", groupId = "${postmortem.notify.group-id:query-service-notifier}", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        Map<String, PostMortemView> views = new HashMap<>();
        Set<String> changed = new LinkedHashSet<>();
        List<Notification> made = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            try {
                read(record, views, changed, made);
            } catch (RuntimeException e) {
                if (BatchProjection.serverUnavailable(e)) {
                    // What came before is kept (its offsets are committed); this record and the rest come again.
                    store(made, changed, views);
                    throw new BatchListenerFailedException("The notifier could not read its state: " + e.getMessage(), e, i);
                }
                refuse(record, views, changed, e);
            }
        }
        try {
            store(made, changed, views);
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException("The notifier could not store its messages: " + e.getMessage(), e, 0);
        }
    }

    private void read(ConsumerRecord<String, byte[]> record, Map<String, PostMortemView> views, Set<String> changed,
                      List<Notification> made) {
        EventEnvelope envelope = reader.read(record.value());
        PostMortemView view = views.computeIfAbsent(envelope.postMortemId(), this::load);
        if (envelope.sequence() <= view.version) {
            return;
        }
        if (envelope.sequence() != view.version + 1) {
            stick(view, envelope.postMortemId(), envelope.sequence(), "events before version " + envelope.sequence() + " are missing");
            changed.add(envelope.postMortemId());
            return;
        }
        PostMortemFold.applyInPlace(view, envelope);
        changed.add(envelope.postMortemId());
        if (view.stuck != null && view.version >= view.stuck.upTo) {
            log.info("Post-mortem {}: the notifier has its missing events now and announces again", view.id);
            view.stuck = null;
        }
        if (view.stuck == null && !envelope.time().isBefore(clock.instant().minus(properties.maxAge()))) {
            made.addAll(messages.of(envelope, record.value(), view));
        }
    }

    private void refuse(ConsumerRecord<String, byte[]> record, Map<String, PostMortemView> views, Set<String> changed, RuntimeException e) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (record.key() == null) {
            log.error("The notifier skips {}: it names no post-mortem and cannot be read: {}", where, e.toString());
            return;
        }
        PostMortemView view = views.computeIfAbsent(record.key(), this::load);
        long version = CloudEventReader.sequenceOf(record.value()).orElse(view.version + 1);
        stick(view, record.key(), version, e.toString());
        changed.add(record.key());
        log.error("The notifier could not apply {} of post-mortem {}; it announces nothing of it until that event is applied", where,
                record.key(), e);
    }

    private void stick(PostMortemView view, String postMortemId, long upTo, String reason) {
        view.id = postMortemId;
        if (view.stuck == null) {
            view.stuck = new Stuck();
            view.stuck.since = clock.instant();
            view.stuck.reason = reason;
            view.stuck.projection = "notifier";
        }
        view.stuck.upTo = Math.max(view.stuck.upTo, upTo);
        view.stuck.refusals++;
    }

    private PostMortemView load(String postMortemId) {
        PostMortemView stored = mongo.findById(postMortemId, PostMortemView.class, VIEWS);
        if (stored != null) {
            return stored;
        }
        PostMortemView empty = new PostMortemView();
        empty.id = postMortemId;
        return empty;
    }

    /** The messages first, then the views that made them: a crash between the two makes the same messages again. */
    private void store(List<Notification> made, Set<String> changed, Map<String, PostMortemView> views) {
        made.forEach(outbox::add);
        for (String id : changed) {
            mongo.save(views.get(id), VIEWS);
        }
        made.clear();
        changed.clear();
    }
}
