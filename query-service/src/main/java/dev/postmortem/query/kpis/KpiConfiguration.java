package dev.postmortem.query.kpis;

import dev.postmortem.query.projection.ProjectionCollections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The KPI facts' live projector: the KPI slice's own, so that the projection engine knows no projection by name. */
@Configuration(proxyBeanMethods = false)
class KpiConfiguration {

    @Bean
    KpiProjector liveKpiProjector(MongoTemplate mongo) {
        return new KpiProjector(mongo, ProjectionCollections.LIVE);
    }
}
