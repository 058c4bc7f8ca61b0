package dev.postmortem.query.admin;

import com.mongodb.MongoNamespace;
import com.mongodb.client.model.RenameCollectionOptions;
import dev.postmortem.query.QueryProperties;
import dev.postmortem.query.failclosed.Quarantine;
import dev.postmortem.query.failclosed.Refusal;
import dev.postmortem.query.kpis.KpiListener;
import dev.postmortem.query.kpis.KpiProjector;
import dev.postmortem.query.postmortem.PostMortemProjector;
import dev.postmortem.query.postmortem.PostMortemView;
import dev.postmortem.query.postmortem.ViewsListener;
import dev.postmortem.query.projection.BatchProjection;
import dev.postmortem.query.projection.ProjectionCollections;
import dev.postmortem.query.projection.SequenceGapException;
import dev.postmortem.query.search.SearchIndex;
import dev.postmortem.query.search.SearchListener;
import dev.postmortem.query.search.SearchProjector;
import dev.postmortem.query.stream.CloudEventReader;
import dev.postmortem.query.stream.EventEnvelope;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Rebuilds the read model from the topic (retention: forever): replays every event from the beginning into fresh
 * MongoDB collections and a fresh search index (bulk-written), then switches both in — the collections by rename,
 * the index by one atomic alias update, so searches keep answering throughout; the KPI facts are rebuilt alongside.
 * The live projections keep running during the long part; they are paused only to
 * read the last few events and swap the collections, then resumes and skips what the rebuild already applied.
 */
@Service
public class RebuildService {

    private static final Logger log = LoggerFactory.getLogger(RebuildService.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final MongoTemplate mongo;
    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaListenerEndpointRegistry listeners;
    private final CloudEventReader reader;
    private final QueryProperties properties;
    private final SearchIndex searchIndex;
    private final SearchProjector searchProjector;
    private static final String GENERATION_PREFIX = "rebuild_";
    private static final Pattern GENERATION = Pattern.compile("_" + GENERATION_PREFIX + "(\\d{1,19})$");

    private final ReentrantLock running = new ReentrantLock();

    public RebuildService(MongoTemplate mongo, ConsumerFactory<String, byte[]> consumers, KafkaListenerEndpointRegistry listeners,
                          CloudEventReader reader, QueryProperties properties, SearchIndex searchIndex,
                          SearchProjector searchProjector) {
        this.mongo = mongo;
        this.consumers = consumers;
        this.listeners = listeners;
        this.reader = reader;
        this.properties = properties;
        this.searchIndex = searchIndex;
        this.searchProjector = searchProjector;
    }

    /** What a rebuild did; {@code searchIndex} is the index the alias now points at. */
    /**
     * {@code unreadableSkipped}: records no reader understands; {@code gapsSkipped}: events whose post-mortem's earlier
     * versions had not come yet. The live projections parked both on the dead-letter topic. {@code stuckMarks}: how
     * often a post-mortem was marked stuck in the new views (hidden from all but admins until repaired).
     */
    public record Result(long events, long duplicatesSkipped, long unreadableSkipped, long gapsSkipped, long stuckMarks,
                         long postMortems, String searchIndex, long millis) {
    }

    public Result rebuild() {
        if (!running.tryLock()) {
            throw new RebuildAlreadyRunningException();
        }
        Instant started = Instant.now();
        ProjectionCollections target = ProjectionCollections.rebuild(GENERATION_PREFIX + started.toEpochMilli());
        String newIndex = null;
        try (Consumer<String, byte[]> consumer = newConsumer()) {
            target.ensureIndexes(mongo);
            searchIndex.ensureExists();
            dropAbandoned(started.minus(properties.rebuildAbandonedAfter()));
            newIndex = searchIndex.createIndex();
            Replay replay = new Replay(new PostMortemProjector(mongo, target), new KpiProjector(mongo, target));
            List<TopicPartition> partitions = consumer.partitionsFor(properties.topic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            replay.until(consumer, consumer.endOffsets(partitions));
            replay.changedSinceLastAsked();
            index(newIndex, target, null);

            List<MessageListenerContainer> live = List.of(listeners.getListenerContainer(ViewsListener.ID),
                    listeners.getListenerContainer(SearchListener.ID), listeners.getListenerContainer(KpiListener.ID));
            live.forEach(this::pauseAndWait);
            try {
                replay.until(consumer, consumer.endOffsets(partitions));
                index(newIndex, target, replay.changedSinceLastAsked());
                switchOver(target);
                searchIndex.switchTo(newIndex);
            } finally {
                live.forEach(MessageListenerContainer::resume);
            }
            long postMortems = mongo.getCollection(ProjectionCollections.LIVE.views()).countDocuments();
            Result result = new Result(replay.applied, replay.duplicates, replay.unreadable, replay.gaps, replay.stuck, postMortems,
                    newIndex, Duration.between(started, Instant.now()).toMillis());
            log.info("Rebuilt the views from {} events ({} duplicates skipped, {} post-mortems) in {} ms",
                    result.events(), result.duplicatesSkipped(), result.postMortems(), result.millis());
            return result;
        } catch (IOException e) {
            dropQuietly(target);
            throw new UncheckedIOException("the search server failed during the rebuild; nothing was switched", e);
        } catch (RuntimeException e) {
            dropQuietly(target);
            throw e;
        } finally {
            running.unlock();
        }
    }

    /**
     * The replay into the new generation, in windows of {@value #WINDOW} events: each window is folded in memory like
     * a live projection's batch and bulk-written at its end (history entries; each changed post-mortem's view,
     * countermeasures and KPI facts once). Memory stays bounded by the window, not by the size of the organisation;
     * the search index is written from the rebuilt views afterwards, page by page.
     * <p>
     * Fail closed, as live: an event a projection cannot apply (unreadable, after a gap, or one whose document its
     * store cannot hold) is skipped and its post-mortem marked stuck in the new generation, with a restriction it sets
     * applied at once (see {@link Quarantine}); the marks are written after the window, onto what it wrote. A window
     * whose write is refused is written again one event at a time, to find the event at fault.
     */
    private final class Replay {

        private static final int WINDOW = 10_000;

        private final PostMortemProjector viewProjector;
        private final KpiProjector kpiProjector;
        private PostMortemProjector.Batch views;
        private KpiProjector.Batch kpis;
        /** The records folded since the last write: written again one by one if the write is refused. */
        private final List<ConsumerRecord<String, byte[]>> window = new ArrayList<>();
        /** What the projections refused, to mark after the write; a set, since a refused window is replayed again. */
        private final Set<Refusal> refusedViews = new java.util.LinkedHashSet<>();
        private final Set<Refusal> refusedKpis = new java.util.LinkedHashSet<>();
        /** Post-mortems changed since {@link #changedSinceLastAsked()}. */
        private final Set<String> changed = new HashSet<>();
        private long applied;
        private long duplicates;
        private long unreadable;
        private long gaps;
        private long stuck;

        private Replay(PostMortemProjector viewProjector, KpiProjector kpiProjector) {
            this.viewProjector = viewProjector;
            this.kpiProjector = kpiProjector;
            this.views = viewProjector.batch();
            this.kpis = kpiProjector.batch();
        }

        /** Replays up to {@code end}; everything replayed is written when it returns. */
        void until(Consumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
            while (end.entrySet().stream().anyMatch(partition -> consumer.position(partition.getKey()) < partition.getValue())) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    window.add(record);
                    replay(record, views, kpis, true);
                }
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
            try {
                kpis.add(envelope);
            } catch (RuntimeException e) {
                if (BatchProjection.serverUnavailable(e)) {
                    throw e;
                }
                refuse(record, e, kpis.appliedVersion(record.key()), refusedKpis);
            }
        }

        private void refuse(ConsumerRecord<String, byte[]> record, RuntimeException why, long appliedThen, Set<Refusal> into) {
            Refusal.of(record.key(), record.value(), reader, why).map(refusal -> refusal.orVersion(appliedThen + 1)).ifPresent(into::add);
        }

        private void write() {
            try {
                views.flush();
                kpis.flush();
            } catch (RuntimeException e) {
                if (BatchProjection.serverUnavailable(e)) {
                    throw e;
                }
                log.warn("rebuild could not write a window of {} events ({}); writing them post-mortem by post-mortem", window.size(),
                        e.getMessage());
                Map<String, List<ConsumerRecord<String, byte[]>>> byPostMortem = new java.util.LinkedHashMap<>();
                window.forEach(record -> byPostMortem.computeIfAbsent(String.valueOf(record.key()), key -> new ArrayList<>()).add(record));
                byPostMortem.values().forEach(this::writePostMortem);
            }
            refusedViews.forEach(viewProjector::refuse);
            refusedKpis.forEach(kpiProjector::refuse);
            stuck += refusedViews.size();
            refusedViews.clear();
            refusedKpis.clear();
            window.clear();
            views = viewProjector.batch();
            kpis = kpiProjector.batch();
        }

        /** One post-mortem's records of a refused window; if its write is refused too, one record at a time. */
        private void writePostMortem(List<ConsumerRecord<String, byte[]>> records) {
            PostMortemProjector.Batch view = viewProjector.batch();
            KpiProjector.Batch kpi = kpiProjector.batch();
            records.forEach(record -> replay(record, view, kpi, false));
            try {
                view.flush();
                kpi.flush();
            } catch (RuntimeException e) {
                if (BatchProjection.serverUnavailable(e)) {
                    throw e;
                }
                records.forEach(this::writeAlone);
            }
        }

        private void writeAlone(ConsumerRecord<String, byte[]> record) {
            PostMortemProjector.Batch view = viewProjector.batch();
            KpiProjector.Batch kpi = kpiProjector.batch();
            replay(record, view, kpi, false);
            try {
                view.flush();
            } catch (RuntimeException e) {
                if (BatchProjection.serverUnavailable(e)) {
                    throw e;
                }
                refuse(record, e, view.appliedVersion(record.key()) - 1, refusedViews);
            }
            try {
                kpi.flush();
            } catch (RuntimeException e) {
                if (BatchProjection.serverUnavailable(e)) {
                    throw e;
                }
                refuse(record, e, kpi.appliedVersion(record.key()) - 1, refusedKpis);
            }
        }

        Set<String> changedSinceLastAsked() {
            Set<String> ids = Set.copyOf(changed);
            changed.clear();
            return ids;
        }
    }

    /** Writes the rebuilt views into the new search index, 500 at a time (all of them, or only {@code ids}). */
    private void index(String newIndex, ProjectionCollections target, Set<String> ids) throws IOException {
        Query query = ids == null ? new Query() : Query.query(Criteria.where("_id").in(ids));
        List<PostMortemView> page = new ArrayList<>();
        try (Stream<PostMortemView> views = mongo.stream(query, PostMortemView.class, target.views())) {
            for (PostMortemView view : (Iterable<PostMortemView>) views::iterator) {
                page.add(view);
                if (page.size() == 500) {
                    searchProjector.writeAll(newIndex, page);
                    page.clear();
                }
            }
        }
        searchProjector.writeAll(newIndex, page);
    }

    private void pauseAndWait(MessageListenerContainer live) {
        live.pause();
        Instant deadline = Instant.now().plusSeconds(30);
        while (!live.isContainerPaused() && live.isRunning()) {
            if (Instant.now().isAfter(deadline)) {
                live.resume();
                throw new ProjectionsBusyException();
            }
            sleep();
        }
    }

    /** The rebuilt collections take the live names; the old ones are dropped by the rename. */
    private void switchOver(ProjectionCollections target) {
        String database = mongo.getDb().getName();
        rename(target.history(), ProjectionCollections.LIVE.history(), database);
        rename(target.countermeasures(), ProjectionCollections.LIVE.countermeasures(), database);
        rename(target.kpiFacts(), ProjectionCollections.LIVE.kpiFacts(), database);
        rename(target.views(), ProjectionCollections.LIVE.views(), database);
    }

    private void rename(String from, String to, String database) {
        if (!mongo.collectionExists(from)) {
            mongo.createCollection(from);
        }
        mongo.getCollection(from).renameCollection(new MongoNamespace(database, to), new RenameCollectionOptions().dropTarget(true));
    }

    /**
     * A rebuild that died (the process was killed or crashed) never dropped its new collections and index. They are
     * dropped here once they are older than {@code postmortem.query.rebuild-abandoned-after}, so that a rebuild that
     * another instance may be running right now is left alone.
     */
    private void dropAbandoned(Instant startedBefore) throws IOException {
        for (String collection : mongo.getCollectionNames()) {
            Matcher generation = GENERATION.matcher(collection);
            if (generation.find() && Long.parseLong(generation.group(1)) < startedBefore.toEpochMilli()) {
                mongo.dropCollection(collection);
                log.info("dropped {}, left by a rebuild that did not finish", collection);
            }
        }
        for (String index : searchIndex.deleteDetachedIndexes(startedBefore)) {
            log.info("deleted search index {}, left by a rebuild that did not finish", index);
        }
    }

    private void dropQuietly(ProjectionCollections target) {
        try {
            for (String collection : target.all()) {
                mongo.dropCollection(collection);
            }
        } catch (RuntimeException e) {
            log.warn("could not drop the collections of a failed rebuild: {}", e.toString());
        }
    }

    private Consumer<String, byte[]> newConsumer() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        return consumers.createConsumer("query-service-rebuild", "rebuild", null, overrides);
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pausing the live projection", e);
        }
    }

    /** Only one rebuild at a time. */
    /**
     * A live projection did not pause for the switch-over in time: typically its consumer is still joining the group
     * (just after start-up, or in a rebalance). Nothing was switched; a later attempt succeeds.
     */
    public static final class ProjectionsBusyException extends RuntimeException {
        ProjectionsBusyException() {
            super("a live projection did not pause for the switch-over within 30 s (its consumer may still be joining the group); "
                    + "nothing was switched; try again shortly");
        }
    }

    public static final class RebuildAlreadyRunningException extends RuntimeException {
        RebuildAlreadyRunningException() {
            super("A rebuild is already running.");
        }
    }
}
