package dev.postmortem.query.projection;

import dev.postmortem.query.stream.CloudEventReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.List;

/**
 * What every live projection's Kafka listener does with a poll: reads each record and runs the whole poll through its
 * projection as one batch ({@link BatchProjection}). A listener only names its container, topic and consumer group.
 */
public abstract class ProjectionListener {

    private final String name;
    private final CloudEventReader reader;
    private final BatchProjection.Projection projection;

    protected ProjectionListener(String name, CloudEventReader reader, BatchProjection.Projection projection) {
        this.name = name;
        this.reader = reader;
        this.projection = projection;
    }

    /** @return how many events were applied (the rest were duplicates) */
    protected int project(List<ConsumerRecord<String, byte[]>> records) {
        return BatchProjection.project(name, records, reader, projection);
    }
}
