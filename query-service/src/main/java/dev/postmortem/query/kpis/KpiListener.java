package dev.postmortem.query.kpis;

import dev.postmortem.query.projection.BatchProjection;
import dev.postmortem.query.projection.ProjectionDelays;
import dev.postmortem.query.projection.ProjectionListener;
import dev.postmortem.query.stream.CloudEventReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** The KPI projection: its own consumer group, so analytics can lag or be replayed without touching the views. */
@Component
public class KpiListener extends ProjectionListener {

    /** The listener container id, for pausing the projection during a rebuild's switch-over. */
    public static final String ID = "kpis";

    KpiListener(CloudEventReader reader, KpiProjector liveKpiProjector, ProjectionDelays delays) {
        super("KPI projection", reader, liveKpiProjector, delays);
    }

    /** A whole poll at once, like the views (see {@link BatchProjection}). */
    @KafkaListener(id = ID, topics = "${postmortem.query.topic}", groupId = "${postmortem.query.kpi-group-id}", batch = "true")
    void on(List<ConsumerRecord<String, byte[]>> records) {
        project(records);
    }
}
