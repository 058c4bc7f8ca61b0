package dev.postmortem.query.search;

import dev.postmortem.query.stream.CloudEventReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

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

    @KafkaListener(id = ID, topics = "${postmortem.query.topic}", groupId = "${postmortem.search.group-id}")
    void on(ConsumerRecord<String, byte[]> record) {
        projector.apply(reader.read(record.value()));
    }
}
