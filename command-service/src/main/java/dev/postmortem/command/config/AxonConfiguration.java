package dev.postmortem.command.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.postmortem.command.domain.CommandMetaData;
import dev.postmortem.command.events.PostMortemCreatedUpcaster;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Axon on PostgreSQL with the JDBC storage engine (Axon's JDBC auto-configuration supplies engine and token store
 * from the DataSource); here only what its defaults get wrong for this system.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /**
     * Axon's default resolver reads vendor error codes; PostgreSQL reports a duplicate key only by SQLState 23505.
     * Without this, two writers racing for the same aggregate sequence get a generic storage error instead of a
     * concurrency conflict.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * Post-mortems stay loaded between commands, so a command does not replay the post-mortem's whole stream (about
     * 50 events by publication). The event store still decides: an append whose sequence number is taken fails with
     * a concurrency conflict, and the rollback drops the cached copy, so the next command reloads from the store.
     * With several command-service instances behind one load balancer a cached copy can be behind another
     * instance's writes; such a command gets 409 once, then sees the current state.
     */
    @Bean
    Cache postMortemCache(AggregateCacheProperties properties) {
        if (properties.maximumSize() == 0) {
            return NoCache.INSTANCE;
        }
        return new CaffeineAggregateCache(properties.maximumSize(), properties.expireAfterAccess());
    }

    /** Events and messages as JSON with a mapper of their own: the web API's strictness must not touch stored events. */
    @Bean
    @Primary
    Serializer serializer() {
        return jsonSerializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return jsonSerializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return jsonSerializer();
    }

    private static Serializer jsonSerializer() {
        return JacksonSerializer.builder().objectMapper(eventObjectMapper()).build();
    }

    /** ISO-8601 times in stored JSON; unknown properties tolerated so that older readers survive newer fields. */
    public static ObjectMapper eventObjectMapper() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Stored events of older revisions, read as the current ones (Axon applies every EventUpcaster bean in order). */
    @Bean
    PostMortemCreatedUpcaster postMortemCreatedUpcaster() {
        return new PostMortemCreatedUpcaster();
    }

    /** Correlation and trace ids, as Axon does by default. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Who made the change and why, copied from each command onto the events it causes. */
    @Bean
    CorrelationDataProvider auditCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(CommandMetaData.ACTOR, CommandMetaData.REASON);
    }
}
