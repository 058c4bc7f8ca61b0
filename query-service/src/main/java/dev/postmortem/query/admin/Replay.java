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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToLongFunction;

/**
 * A rebuild's replay into the new generation, in windows of {@value #WINDOW} events: each window is folded in memory like
 * a live projection's batch and bulk-written at its end (history entries; each changed post-mortem's view,
 * countermeasures and KPI facts once), on a thread of its own while the next window is folded. Memory stays bounded by the window, not by the size of the organisation;
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
    /** The window being written while the next is folded, if any. */
    private Written inFlight;
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

    /**
     * Replays up to {@code end}; everything replayed is written when it returns. A window is written on a thread of
     * its own while the next is folded (see {@link #write}).
     */
    void until(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "rebuild-writer"));
        try {
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
                    write(writer);
                }
            }
            write(writer);
            settle();
        } finally {
            writer.shutdownNow();
        }
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

    /**
     * Hands the window to the writer once the one before it is written, and starts the next window where this one
     * left off ({@link PostMortemProjector#after}), so that folding and writing overlap. A window something was
     * refused in is written here and now instead, its marks after it, and the next starts from the store: a mark must
     * be in the store before the next window reads its post-mortem.
     */
    private void write(ExecutorService writer) {
        settle();
        if (window.isEmpty()) {
            return;
        }
        Written written = new Written(List.copyOf(window), views, kpis, pollNanos, foldNanos);
        window.clear();
        pollNanos = 0;
        foldNanos = 0;
        if (!refusedViews.isEmpty() || !refusedKpis.isEmpty()) {
            written.writeNow();
            views = viewProjector.batch();
            kpis = kpiProjector.batch();
            return;
        }
        Runnable viewWrites = views.prepare();
        Runnable kpiWrites = kpis.prepare();
        views = viewProjector.after(written.views);
        kpis = kpiProjector.after(written.kpis);
        inFlight = written;
        written.sent = writer.submit(() -> {
            long writing = System.nanoTime();
            viewWrites.run();
            kpiWrites.run();
            written.writeNanos = System.nanoTime() - writing;
        });
    }

    /**
     * Waits for the window being written. If its write was refused (not an outage: that is thrown on), it is written
     * again post-mortem by post-mortem, and the window folded since is folded again from the store.
     */
    private void settle() {
        Written written = inFlight;
        if (written == null) {
            return;
        }
        inFlight = null;
        try {
            written.sent.get();
            written.log();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the rebuild was interrupted", e);
        } catch (ExecutionException e) {
            RuntimeException failure = e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
            if (BatchProjection.serverUnavailable(failure)) {
                throw failure;
            }
            // What the next window refused so far is found again when it is folded again, from the store.
            refusedViews.clear();
            refusedKpis.clear();
            written.rewrite(failure);
            views = viewProjector.batch();
            kpis = kpiProjector.batch();
            List.copyOf(window).forEach(record -> replay(record, views, kpis, false));
        }
    }

    /** A window handed to the writer: its records, its batches, and what reading, folding and writing it took. */
    private final class Written {
        private final List<ConsumerRecord<String, byte[]>> records;
        private final PostMortemProjector.Batch views;
        private final KpiProjector.Batch kpis;
        private final long pollNanos;
        private final long foldNanos;
        private volatile long writeNanos;
        private Future<?> sent;

        Written(List<ConsumerRecord<String, byte[]>> records, PostMortemProjector.Batch views, KpiProjector.Batch kpis,
                long pollNanos, long foldNanos) {
            this.records = records;
            this.views = views;
            this.kpis = kpis;
            this.pollNanos = pollNanos;
            this.foldNanos = foldNanos;
        }

        /** Writes the window on this thread, then marks what was refused in it. */
        void writeNow() {
            long writing = System.nanoTime();
            refusal(() -> {
                views.flush();
                kpis.flush();
            }).ifPresentOrElse(this::rewrite, Replay.this::markRefused);
            writeNanos = System.nanoTime() - writing;
            log();
        }

        /** A refused write: the window again, post-mortem by post-mortem, to find the event at fault; then the marks. */
        void rewrite(RuntimeException why) {
            log.warn("rebuild could not write a window of {} events ({}); writing them post-mortem by post-mortem", records.size(),
                    why.getMessage());
            Map<String, List<ConsumerRecord<String, byte[]>>> byPostMortem = new LinkedHashMap<>();
            records.forEach(record -> byPostMortem.computeIfAbsent(String.valueOf(record.key()), key -> new ArrayList<>()).add(record));
            byPostMortem.values().forEach(Replay.this::writePostMortem);
            markRefused();
        }

        void log() {
            log.info("rebuild: {} events replayed so far; a window of {}: read {} ms, folded {} ms, written {} ms", applied + duplicates,
                    records.size(), pollNanos / 1_000_000, foldNanos / 1_000_000, writeNanos / 1_000_000);
        }
    }

    private void markRefused() {
        refusedViews.forEach(viewProjector::refuse);
        refusedKpis.forEach(kpiProjector::refuse);
        stuck += refusedViews.size();
        refusedViews.clear();
        refusedKpis.clear();
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
