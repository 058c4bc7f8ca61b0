package dev.postmortem.query.observability;

import org.bson.Document;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
class MongoHealthConfiguration {

    /**
     * Spring Boot's MongoDB indicator sends {@code hello}, which the embedded MongoDB-wire server does not know, so
     * it would report DOWN forever. {@code ping} answers on every MongoDB and on the embedded server alike.
     */
    @Bean
    HealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return () -> {
            try {
                Document answer = mongo.executeCommand(new Document("ping", 1));
                return Health.up().withDetail("database", mongo.getDb().getName()).withDetail("ping", answer.get("ok")).build();
            } catch (RuntimeException e) {
                return Health.down(e).build();
            }
        };
    }
}
