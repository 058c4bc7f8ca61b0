package dev.postmortem.query.admin;

import dev.postmortem.query.failclosed.Quarantine;
import dev.postmortem.query.failclosed.Refusal;
import dev.postmortem.query.kpis.KpiProjector;
import dev.postmortem.query.postmortem.PostMortemProjector;
import dev.postmortem.query.projection.BatchProjection;
import dev.postmortem.query.projection.SequenceGapException;
import dev.postmortem.query.stream.CloudEventReader;
import dev.postmortem.query.stream.EventEnvelope;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * A rebuild's replay into the new generation, in windows of {@value #WINDOW} events: each window is folded in memory like
 * a live projection's batch and bulk-written at its end (history entries; each changed post-mortem's view,
 * countermeasures and KPI facts once). Memory stays bounded by the window, not by the size of the organisation;
 * the search index is written from the rebuilt views afterwards, page by page.
 * <p>
 * Fail closed, as live: an event a projection cannot apply (unreadable, after a gap, or one whose document its
 * store cannot hold) is skipped and its post-mortem marked stuck in the new generation, with a restriction it sets
 * applied at once (see {@link Quarantine}); the marks are written after the window, onto what it wrote. A window
 * whose write is refused is written again one event at a time, to find the event at fault.
 */
final class Replay {

    private static final int WINDOW = 10_000;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(Replay.class);

    private final CloudEventReader reader;

    private final PostMortemProjector viewProjector;
    private final KpiProjector kpiProjector;
    private PostMortemProjector.Batch views;
    private KpiProjector.Batch kpis;
    /** The records folded since the last write: written again one by one if the write is refused. */
    private final List<ConsumerRecord<String, byte[]>> window = new ArrayList<>();
    /** What the projections refused, to mark after the write; a set, since a refused window is replayed again. */
    private final Set<Refusal> refusedViews = new LinkedHashSet<>();
    private final Set<Refusal> refusedKpis = new LinkedHashSet<>();
    /** Post-mortems changed since {@link #changedSinceLastAsked()}. */
    private final Set<String> changed = new HashSet<>();
    private long applied;
    private long duplicates;
    private long unreadable;
    private long gaps;
    private long stuck;
    /** Nanoseconds this window spent waiting for the topic and folding, for the progress log. */
    private long pollNanos;
    private long foldNanos;

    Replay(CloudEventReader reader, PostMortemProjector viewProjector, KpiProjector kpiProjector) {
        this.reader = reader;
        this.viewProjector = viewProjector;
        this.kpiProjector = kpiProjector;
        this.views = viewProjector.batch();
        this.kpis = kpiProjector.batch();
    }

    /** Replays up to {@code end}; everything replayed is written when it returns. */
    void until(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        while (end.entrySet().stream().anyMatch(partition -> consumer.position(partition.getKey()) < partition.getValue())) {
            long polling = System.nanoTime();
            var records = consumer.poll(POLL);
            long folding = System.nanoTime();
            List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>(records.count());
            records.forEach(polled::add);
            BatchProjection.preload("rebuild", views, polled);
            BatchProjection.preload("rebuild", kpis, polled);
            for (ConsumerRecord<String, byte[]> record : polled) {
                window.add(record);
                replay(record, views, kpis, true);
            }
            pollNanos += folding - polling;
            foldNanos += System.nanoTime() - folding;
            if (window.size() >= WINDOW) {
                write();
            }
        }
        write();
    }

    /** One record into the batches; what a projection refuses is noted, to mark its post-mortem after the write. */
    private void replay(ConsumerRecord<String, byte[]> record, PostMortemProjector.Batch views, KpiProjector.Batch kpis,
                        boolean count) {
        EventEnvelope envelope;
        try {
            envelope = reader.read(record.value());
        } catch (CloudEventReader.UnreadableEventException e) {
            // Not an event of ours, or not yet: the live projections parked it too.
            log.warn("rebuild skips an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            unreadable += count ? 1 : 0;
            refuse(record, e, views.appliedVersion(record.key()), refusedViews);
            refuse(record, e, kpis.appliedVersion(record.key()), refusedKpis);
            return;
        }
        try {
            BatchProjection.Outcome outcome = views.add(envelope);
            if (count && outcome == BatchProjection.Outcome.APPLIED) {
                changed.add(envelope.postMortemId());
                applied++;
            } else if (count) {
                duplicates++;
            }
        } catch (SequenceGapException e) {
            // Parked live as well. An operator's retry put a copy of it later on the topic, after the events it
            // waited for: the rebuild applies that copy, as the live projection did.
            log.warn("rebuild skips an event out of order at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            gaps += count ? 1 : 0;
            refuse(record, e, views.appliedVersion(record.key()), refusedViews);
        } catch (RuntimeException e) {
            if (BatchProjection.serverUnavailable(e)) {
                throw e;
            }
            refuse(record, e, views.appliedVersion(record.key()), refusedViews);
        }
        refusal(() -> kpis.add(envelope)).ifPresent(e -> refuse(record, e, kpis.appliedVersion(record.key()), refusedKpis));
    }

    /**
     * What a store refused of this work, if it refused it. An outage is no refusal: it is thrown on, and the rebuild
     * waits for the server as the live projections do.
     */
    private static Optional<RuntimeException> refusal(Runnable work) {
        try {
            work.run();
            return Optional.empty();
        } catch (RuntimeException e) {
            if (BatchProjection.serverUnavailable(e)) {
                throw e;
            }
            return Optional.of(e);
        }
    }

    private void refuse(ConsumerRecord<String, byte[]> record, RuntimeException why, long appliedThen, Set<Refusal> into) {
        Refusal.of(record.key(), record.value(), reader, why).map(refusal -> refusal.orVersion(appliedThen + 1)).ifPresent(into::add);
    }

    private void write() {
        long writing = System.nanoTime();
        int events = window.size();
        long postMortems = window.stream().map(ConsumerRecord::key).distinct().count();
        refusal(() -> {
            views.flush();
            kpis.flush();
        }).ifPresent(e -> {
            log.warn("rebuild could not write a window of {} events ({}); writing them post-mortem by post-mortem", window.size(),
                    e.getMessage());
            Map<String, List<ConsumerRecord<String, byte[]>>> byPostMortem = new LinkedHashMap<>();
            window.forEach(record -> byPostMortem.computeIfAbsent(String.valueOf(record.key()), key -> new ArrayList<>()).add(record));
            byPostMortem.values().forEach(this::writePostMortem);
        });
        refusedViews.forEach(viewProjector::refuse);
        refusedKpis.forEach(kpiProjector::refuse);
        stuck += refusedViews.size();
        refusedViews.clear();
        refusedKpis.clear();
        window.clear();
        views = viewProjector.batch();
        kpis = kpiProjector.batch();
        if (events > 0) {
            long written = System.nanoTime() - writing;
            log.info("rebuild: {} events replayed so far; this window of {} ({} post-mortems): read {} ms, folded {} ms, written {} ms",
                    applied + duplicates, events, postMortems, pollNanos / 1_000_000, foldNanos / 1_000_000, written / 1_000_000);
        }
        pollNanos = 0;
        foldNanos = 0;
    }

    /** One post-mortem's records of a refused window; if its write is refused too, one record at a time. */
    private void writePostMortem(List<ConsumerRecord<String, byte[]>> records) {
        PostMortemProjector.Batch view = viewProjector.batch();
        KpiProjector.Batch kpi = kpiProjector.batch();
        records.forEach(record -> replay(record, view, kpi, false));
        if (refusal(() -> {
            view.flush();
            kpi.flush();
        }).isPresent()) {
            records.forEach(this::writeAlone);
        }
    }

    private void writeAlone(ConsumerRecord<String, byte[]> record) {
        PostMortemProjector.Batch view = viewProjector.batch();
        KpiProjector.Batch kpi = kpiProjector.batch();
        replay(record, view, kpi, false);
        flushAlone(record, view, view::appliedVersion, refusedViews);
        flushAlone(record, kpi, kpi::appliedVersion, refusedKpis);
    }

    /** Writes one record's batch to one store; a write the store refuses (not an outage) refuses the record there. */
    private void flushAlone(ConsumerRecord<String, byte[]> record, BatchProjection.Batch batch, ToLongFunction<String> appliedVersion,
                            Set<Refusal> refused) {
        refusal(batch::flush).ifPresent(e -> refuse(record, e, appliedVersion.applyAsLong(record.key()) - 1, refused));
    }

    Set<String> changedSinceLastAsked() {
        Set<String> ids = Set.copyOf(changed);
        changed.clear();
        return ids;
    }

    long applied() {
        return applied;
    }

    long duplicates() {
        return duplicates;
    }

    long unreadable() {
        return unreadable;
    }

    long gaps() {
        return gaps;
    }

    long stuck() {
        return stuck;
    }
}
