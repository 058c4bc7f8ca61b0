package dev.postmortem.query.projection;

import dev.postmortem.query.stream.CloudEventReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * What every live projection's Kafka listener does with a poll: reads each record and runs the whole poll through its
 * projection as one batch ({@link BatchProjection}), and records how far behind the stream it was ({@link ProjectionDelays}). A listener only names its container, topic and consumer group.
 */
public abstract class ProjectionListener {

    private final String name;
    private final CloudEventReader reader;
    private final BatchProjection.Projection projection;
    private final ProjectionDelays delays;

    protected ProjectionListener(String name, CloudEventReader reader, BatchProjection.Projection projection, ProjectionDelays delays) {
        this.name = name;
        this.reader = reader;
        this.projection = projection;
        this.delays = delays;
    }

    /** @return how many events were applied (the rest were duplicates) */
    protected int project(List<ConsumerRecord<String, byte[]>> records) {
        long delivered = System.currentTimeMillis();
        int applied = BatchProjection.project(name, records, reader, projection);
        delays.record(name, records, delivered, System.currentTimeMillis());
        return applied;
    }
}
