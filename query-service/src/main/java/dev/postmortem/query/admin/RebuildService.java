package dev.postmortem.query.admin;

import com.mongodb.MongoNamespace;
import com.mongodb.client.model.RenameCollectionOptions;
import dev.postmortem.query.QueryProperties;
import dev.postmortem.query.kpis.KpiListener;
import dev.postmortem.query.kpis.KpiProjector;
import dev.postmortem.query.postmortem.PostMortemProjector;
import dev.postmortem.query.postmortem.PostMortemView;
import dev.postmortem.query.postmortem.ViewsListener;
import dev.postmortem.query.projection.ProjectionCollections;
import dev.postmortem.query.projection.Scan;
import dev.postmortem.query.search.SearchIndex;
import dev.postmortem.query.search.SearchListener;
import dev.postmortem.query.search.SearchProjector;
import dev.postmortem.query.stream.CloudEventReader;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final String GENERATION_PREFIX = "rebuild_";
    private static final Pattern GENERATION = Pattern.compile("_" + GENERATION_PREFIX + "(\\d{1,19})$");

    private final MongoTemplate mongo;
    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaListenerEndpointRegistry listeners;
    private final CloudEventReader reader;
    private final QueryProperties properties;
    private final SearchIndex searchIndex;
    private final SearchProjector searchProjector;
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

    /**
     * What a rebuild did; {@code searchIndex} is the index the alias now points at. {@code unreadableSkipped}: records
     * no reader understands; {@code gapsSkipped}: events whose post-mortem's earlier versions had not come yet. The live projections parked both on the dead-letter topic. {@code stuckMarks}: how
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
            Replay replay = new Replay(reader, new PostMortemProjector(mongo, target), new KpiProjector(mongo, target));
            List<TopicPartition> partitions = consumer.partitionsFor(properties.topic()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            replay.until(consumer, consumer.endOffsets(partitions));
            replay.changedSinceLastAsked();
            Instant indexing = Instant.now();
            index(newIndex, target, null);
            log.info("rebuild: {} events replayed in {} ms, the views indexed in {} ms", replay.applied(),
                    Duration.between(started, indexing).toMillis(), Duration.between(indexing, Instant.now()).toMillis());

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
            Result result = new Result(replay.applied(), replay.duplicates(), replay.unreadable(), replay.gaps(), replay.stuck(), postMortems,
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

    /** Writes the rebuilt views into the new search index, 500 at a time (all of them, or only {@code ids}). */
    private void index(String newIndex, ProjectionCollections target, Set<String> ids) throws IOException {
        Query query = ids == null ? new Query() : Query.query(Criteria.where("_id").in(ids));
        List<IOException> failed = new ArrayList<>();
        Scan.inPages(mongo, query, PostMortemView.class, target.views(), Scan.PAGE, page -> {
            if (failed.isEmpty()) {
                try {
                    searchProjector.writeAll(newIndex, page);
                } catch (IOException e) {
                    failed.add(e);
                }
            }
        });
        if (!failed.isEmpty()) {
            throw failed.get(0);
        }
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

    /** Only one rebuild at a time. */
    public static final class RebuildAlreadyRunningException extends RuntimeException {
        RebuildAlreadyRunningException() {
            super("A rebuild is already running.");
        }
    }
}
