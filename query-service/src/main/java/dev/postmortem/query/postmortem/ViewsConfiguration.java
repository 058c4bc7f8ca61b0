package dev.postmortem.query.postmortem;

import dev.postmortem.query.projection.ProjectionCollections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The live views projection: the post-mortems, their history and their countermeasures, in the plain collections. */
@Configuration(proxyBeanMethods = false)
class ViewsConfiguration {

    @Bean
    PostMortemProjector liveProjector(MongoTemplate mongo) {
        ProjectionCollections.LIVE.ensureIndexes(mongo);
        return new PostMortemProjector(mongo, ProjectionCollections.LIVE);
    }
}
