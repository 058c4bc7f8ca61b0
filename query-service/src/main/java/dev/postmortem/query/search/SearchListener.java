package dev.postmortem.query.search;

import dev.postmortem.query.projection.BatchProjection;
import dev.postmortem.query.projection.ProjectionDelays;
import dev.postmortem.query.projection.ProjectionListener;
import dev.postmortem.query.stream.CloudEventReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** The search projection: its own consumer group, so it runs and fails independently of the MongoDB views. */
@Component
public class SearchListener extends ProjectionListener {

    public static final String ID = "search";

    SearchListener(CloudEventReader reader, SearchProjector projector, ProjectionDelays delays) {
        super("search projection", reader, projector, delays);
    }

    /** A whole poll at once, one bulk write (see {@link SearchProjector#batch()} and {@link BatchProjection}). */
    @KafkaListener(id = ID, topics = "${postmortem.query.topic}", groupId = "${postmortem.search.group-id}", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        project(records);
    }
}
