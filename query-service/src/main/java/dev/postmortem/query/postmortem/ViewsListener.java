package dev.postmortem.query.postmortem;

import dev.postmortem.query.projection.BatchProjection;
import dev.postmortem.query.projection.ProjectionDelays;
import dev.postmortem.query.projection.ProjectionListener;
import dev.postmortem.query.stream.CloudEventReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Feeds the topic into the live projection, a poll at a time, in per-post-mortem order. */
@Component
public class ViewsListener extends ProjectionListener {

    /** The listener container id, for pausing the live projection during a rebuild's switch-over. */
    public static final String ID = "views";
    private static final Logger log = LoggerFactory.getLogger(ViewsListener.class);

    ViewsListener(CloudEventReader reader, PostMortemProjector liveProjector, ProjectionDelays delays) {
        super("view projection", reader, liveProjector, delays);
    }

    /** A whole poll at once (see {@link PostMortemProjector#batch()} and {@link BatchProjection}). */
    @KafkaListener(id = ID, topics = "${postmortem.query.topic}", groupId = "${spring.kafka.consumer.group-id}", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        int applied = project(records);
        if (applied < records.size() && log.isDebugEnabled()) {
            log.debug("skipped {} events already applied", records.size() - applied);
        }
    }
}
