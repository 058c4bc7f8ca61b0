package dev.postmortem.query.search;

import dev.postmortem.query.projection.BatchProjection;
import dev.postmortem.query.stream.CloudEventReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** The search projection: its own consumer group, so it runs and fails independently of the MongoDB views. */
@Component
public class SearchListener {

    public static final String ID = "search";

    private final CloudEventReader reader;
    private final SearchProjector projector;

    SearchListener(CloudEventReader reader, SearchProjector projector) {
        this.reader = reader;
        this.projector = projector;
    }

    /** A whole poll at once, one bulk write (see {@link SearchProjector#batch()} and {@link BatchProjection}). */
    @KafkaListener(id = ID, topics = "${postmortem.query.topic}", groupId = "${postmortem.search.group-id}", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        BatchProjection.project("search projection", records, reader, projector::batch, projector::refuse);
    }
}
