package dev.postmortem.query.kpi;

import dev.postmortem.query.stream.CloudEventReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The KPI projection: its own consumer group, so analytics can lag or be replayed without touching the views. */
@Component
public class KpiListener {

    /** The listener container id, for pausing the projection during a rebuild's switch-over. */
    public static final String ID = "kpis";

    private final CloudEventReader reader;
    private final KpiProjector projector;

    KpiListener(CloudEventReader reader, KpiProjector liveKpiProjector) {
        this.reader = reader;
        this.projector = liveKpiProjector;
    }

    @KafkaListener(id = ID, topics = "${postmortem.query.topic}", groupId = "${postmortem.query.kpi-group-id}")
    void on(ConsumerRecord<String, byte[]> record) {
        projector.apply(reader.read(record.value()));
    }
}
