package dev.postmortem.query.projection;

import dev.postmortem.query.stream.CloudEventReader;
import dev.postmortem.query.stream.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.util.List;
import java.util.function.Function;

/**
 * Runs a poll's records through a batching projection: each event is added in topic order, then everything is
 * written at once. When an event cannot be projected (unreadable, a gap, the server away), what came before it is
 * written and the error names that record, so the error handler retries or parks exactly it and delivers the rest
 * again (events already applied are skipped as duplicates). A failed write names the first record: nothing of the
 * batch counts as done.
 */
public final class BatchProjection {

    private BatchProjection() {
    }

    /** @return how many events were applied (the rest were duplicates) */
    public static int project(String name, List<ConsumerRecord<String, byte[]>> records, CloudEventReader reader,
                              Function<EventEnvelope, PostMortemProjector.Outcome> add, Runnable flush) {
        int applied = 0;
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, byte[]> record = records.get(i);
            try {
                applied += add.apply(reader.read(record.value())) == PostMortemProjector.Outcome.APPLIED ? 1 : 0;
            } catch (RuntimeException e) {
                flush(name, flush);
                throw new BatchListenerFailedException(name + " failed at " + record.topic() + "-" + record.partition()
                        + "@" + record.offset() + ": " + e.getMessage(), e, i);
            }
        }
        flush(name, flush);
        return applied;
    }

    private static void flush(String name, Runnable flush) {
        try {
            flush.run();
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException(name + " could not write its batch: " + e.getMessage(), e, 0);
        }
    }
}
