package dev.postmortem.command.config;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store on PostgreSQL, built as Axon's Spring Boot auto-configuration builds it (the JDBC storage engine
 * with the event serializer, the upcasters, the snapshot filter and Axon's default schema; the embedded store over
 * it), with one difference: the embedded store's memory is bounded.
 * <p>
 * Its processors that keep up share one reader of the store, which holds what it read in a linked cache; a processor
 * that falls behind pins that cache from its own position on until the store's clean-up — every 10 s by default —
 * moves it to a stream of its own. Under a long write burst the Kafka publisher fell 100,000 events behind, the shared
 * reader cached about 157,000 events in those seconds, and the command service ran out of its 256 MB heap
 * ({@code jmap -histo}: 157,501 {@code EmbeddedEventStore$Node}s; BENCHMARKS.md). A clean-up every second and a
 * cache of {@value #CACHED_EVENTS} events bound it; a processor moved to its own stream rejoins the shared one when it
 * catches up. Defining the store means defining the engine too: Axon's auto-configuration makes neither once an event
 * bus exists.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    static final int CACHED_EVENTS = 2_000;
    static final long CLEANUP_DELAY_MILLIS = 1_000;

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration, ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                                     .snapshotSerializer(defaultSerializer)
                                     .upcasterChain(configuration.upcasterChain())
                                     .persistenceExceptionResolver(persistenceExceptionResolver)
                                     .eventSerializer(eventSerializer)
                                     .snapshotFilter(configuration.snapshotFilter())
                                     .connectionProvider(connectionProvider)
                                     .transactionManager(transactionManager)
                                     .schema(new EventSchema())
                                     .build();
    }

    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration) {
        return EmbeddedEventStore.builder()
                                 .storageEngine(storageEngine)
                                 .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                                 .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                                 .cachedEvents(CACHED_EVENTS)
                                 .cleanupDelay(CLEANUP_DELAY_MILLIS)
                                 .build();
    }
}
