package dev.postmortem.query.projection;

import dev.postmortem.query.stream.CloudEventReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Feeds the topic into the live projection, one record at a time, in per-post-mortem order. */
@Component
public class ViewsListener {

    /** The listener container id, for pausing the live projection during a rebuild's switch-over. */
    public static final String ID = "views";
    private static final Logger log = LoggerFactory.getLogger(ViewsListener.class);

    private final CloudEventReader reader;
    private final PostMortemProjector projector;

    ViewsListener(CloudEventReader reader, PostMortemProjector liveProjector) {
        this.reader = reader;
        this.projector = liveProjector;
    }

    @KafkaListener(id = ID, topics = "${postmortem.query.topic}", groupId = "${spring.kafka.consumer.group-id}")
    void on(ConsumerRecord<String, byte[]> record) {
        PostMortemProjector.Outcome outcome = projector.apply(reader.read(record.value()));
        if (outcome == PostMortemProjector.Outcome.DUPLICATE && log.isDebugEnabled()) {
            log.debug("skipped an event already applied (partition {}, offset {})", record.partition(), record.offset());
        }
    }
}
