package dev.postmortem.query.projection;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import dev.postmortem.query.failclosed.Refusal;
import dev.postmortem.query.stream.CloudEventReader;
import dev.postmortem.query.stream.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs a poll's records through a batching projection: each event is added in topic order, then everything is
 * written at once. When an event cannot be projected (unreadable, a gap, a value its store cannot hold), what came
 * before it is written, its post-mortem is marked stuck in the projection's store (fail closed: see
 * {@link dev.postmortem.query.failclosed.Quarantine}), and the error names that record, so the error handler retries or
 * parks exactly it and delivers the rest again (events already applied are skipped as duplicates).
 * <p>
 * A batch whose write is refused (not a server away: a document its store cannot hold) is written again one record at a
 * time, so that the record at fault is found and refused, and no other post-mortem's event is parked in its place.
 * While a server is away nothing is refused: the error names the first record, nothing of the batch counts as done,
 * and the error handler waits for the server.
 */
public final class BatchProjection {

    private BatchProjection() {
    }

    /** What adding one event did. */
    public enum Outcome { APPLIED, DUPLICATE }

    /** A projection that works a poll at a time: a batch per poll, and a mark for the post-mortem it refuses. */
    public interface Projection {

        Batch batch();

        /** Marks the refused event's post-mortem stuck in this projection's store (fail closed). */
        void refuse(Refusal refusal);
    }

    /** A projection's work on one poll: events added in order, then written. */
    public interface Batch {

        /** Folds one event in; a duplicate is skipped, a gap refused by throwing (and nothing of it added). */
        Outcome add(EventEnvelope envelope);

        /** Writes what was added so far. */
        void flush();

        /**
         * Reads what the store holds of these post-mortems in one request, instead of one request per post-mortem as
         * each is first added; those the batch already holds are kept. Only a speed-up: a batch that is not given its
         * post-mortems first reads each when it needs it.
         */
        default void preload(Collection<String> postMortemIds) {
        }
    }

    /**
     * The version guard of every projection, whatever its store: an event at or below the version the store has
     * applied ({@code -1} for none) is a duplicate — a redelivery, a replay — and is skipped; one beyond the next
     * version is a gap, refused (retried, then parked) so that nothing is folded over missing events.
     *
     * @return {@link Outcome#APPLIED} when the event is the next one, to be folded in; {@link Outcome#DUPLICATE} to skip it
     * @throws SequenceGapException when events before it are missing
     */
    public static Outcome next(EventEnvelope envelope, long applied) {
        if (envelope.sequence() <= applied) {
            return Outcome.DUPLICATE;
        }
        if (envelope.sequence() != applied + 1) {
            throw new SequenceGapException(envelope, applied);
        }
        return Outcome.APPLIED;
    }

    /** @return how many events were applied (the rest were duplicates) */
    public static int project(String name, List<ConsumerRecord<String, byte[]>> records, CloudEventReader reader,
                              Projection projection) {
        return project(name, records, reader, projection::batch, projection::refuse);
    }

    private static int project(String name, List<ConsumerRecord<String, byte[]>> records, CloudEventReader reader,
                               Supplier<? extends Batch> batches, Consumer<Refusal> refusals) {
        Batch batch = batches.get();
        preload(name, batch, records);
        int applied = 0;
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            try {
                applied += batch.add(reader.read(record.value())) == Outcome.APPLIED ? 1 : 0;
            } catch (RuntimeException e) {
                write(name, batch, records.subList(0, i), reader, batches, refusals);
                throw refused(name, records, i, e, reader, refusals);
            }
        }
        write(name, batch, records, reader, batches, refusals);
        return applied;
    }

    private static void write(String name, Batch batch, List<ConsumerRecord<String, byte[]>> records, CloudEventReader reader,
                              Supplier<? extends Batch> batches, Consumer<Refusal> refusals) {
        try {
            batch.flush();
        } catch (RuntimeException e) {
            if (serverUnavailable(e) || records.isEmpty()) {
                throw new BatchListenerFailedException(name + " could not write its batch: " + e.getMessage(), e, 0);
            }
            for (int i = 0; i < records.size(); i++) {
                Batch one = batches.get();
                try {
                    one.add(reader.read(records.get(i).value()));
                    one.flush();
                } catch (RuntimeException failed) {
                    throw refused(name, records, i, failed, reader, refusals);
                }
            }
        }
    }

    /**
     * Gives the batch the records' post-mortems at once ({@link Batch#preload}). A server away is waited for as in a
     * write; any other failure is left to the per-post-mortem reads, which name the record at fault.
     */
    public static void preload(String name, Batch batch, List<? extends ConsumerRecord<String, ?>> records) {
        Set<String> ids = new LinkedHashSet<>();
        records.forEach(record -> {
            if (record.key() != null) {
                ids.add(record.key());
            }
        });
        try {
            batch.preload(ids);
        } catch (RuntimeException e) {
            if (serverUnavailable(e)) {
                throw new BatchListenerFailedException(name + " could not read its post-mortems: " + e.getMessage(), e, 0);
            }
        }
    }

    /** Marks the record's post-mortem stuck, unless only a server is away, and names the record for the error handler. */
    private static BatchListenerFailedException refused(String name, List<ConsumerRecord<String, byte[]>> records, int index,
                                                        RuntimeException e, CloudEventReader reader, Consumer<Refusal> refusals) {
        ConsumerRecord<String, byte[]> record = records.get(index);
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        if (!serverUnavailable(e)) {
            try {
                Refusal.of(record.key(), record.value(), reader, e).ifPresent(refusals);
            } catch (RuntimeException markFailed) {
                markFailed.addSuppressed(e);
                return new BatchListenerFailedException(name + " could not mark the post-mortem of " + where + " stuck: "
                        + markFailed.getMessage(), markFailed, index);
            }
        }
        return new BatchListenerFailedException(name + " failed at " + where + ": " + e.getMessage(), e, index);
    }

    /** A server (MongoDB, Elasticsearch) that did not answer: nothing is wrong with the events; wait and retry. */
    public static boolean serverUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException || cause instanceof UncheckedIOException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof MongoSocketException || cause instanceof MongoTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
