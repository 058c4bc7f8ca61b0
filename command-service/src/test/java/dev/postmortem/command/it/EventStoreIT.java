package dev.postmortem.command.it;

import dev.postmortem.api.command.ChangeTitle;
import dev.postmortem.api.command.CreatePostMortem;
import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.TitleChanged;
import dev.postmortem.localstack.junit.LocalStackExtension;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The storage engine on real PostgreSQL: what two writers racing for the same aggregate version (two service
 * instances, say) get, and how events are stored.
 */
@ExtendWith(LocalStackExtension.class)
@SpringBootTest
class EventStoreIT {

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandGateway commands;

    @Test
    void aDuplicateSequenceIsAConcurrencyConflictNotAStorageError() {
        String id = UUID.randomUUID().toString();
        storageEngine.appendEvents(new GenericDomainEventMessage<>("PostMortem", id, 0, new PostMortemCreated(id, "first")));
        storageEngine.appendEvents(new GenericDomainEventMessage<>("PostMortem", id, 1, new TitleChanged(id, "second")));

        assertThatThrownBy(() -> storageEngine.appendEvents(
                new GenericDomainEventMessage<>("PostMortem", id, 0, new PostMortemCreated(id, "racing creator"))))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThatThrownBy(() -> storageEngine.appendEvents(
                new GenericDomainEventMessage<>("PostMortem", id, 1, new TitleChanged(id, "racing writer"))))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, id))
                .isEqualTo(2);
    }

    @Test
    void eventsAreStoredAsRevisionedJsonInByteaColumns() {
        String id = UUID.randomUUID().toString();
        storageEngine.appendEvents(new GenericDomainEventMessage<>("PostMortem", id, 0, new PostMortemCreated(id, "Stored as JSON")));
        var row = jdbc.queryForMap("SELECT payloadtype, payloadrevision, convert_from(payload, 'UTF8') AS json, "
                + "pg_typeof(payload)::text AS column_type FROM domainevententry WHERE aggregateidentifier = ?", id);
        assertThat(row.get("payloadtype")).isEqualTo(PostMortemCreated.class.getName());
        assertThat(row.get("payloadrevision")).as("PostMortemCreated, revision 2 since issue 16").isEqualTo("2");
        assertThat(row.get("column_type")).isEqualTo("bytea");
        assertThat((String) row.get("json")).contains("\"title\":\"Stored as JSON\"");
    }

    /**
     * The aggregate cache keeps a post-mortem loaded between commands. Another instance's write (appended here
     * straight to the store) makes the cached copy stale: the next command must not be stored on top of the stale
     * state — it fails with a concurrency conflict (409) — and the one after it sees the other write.
     */
    @Test
    void aStaleCachedPostMortemCostsOneConflictThenIsReloadedFromTheStore() {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new CreatePostMortem(id, "cached"));
        commands.sendAndWait(new ChangeTitle(id, null, "cached and changed"));
        storageEngine.appendEvents(new GenericDomainEventMessage<>("PostMortem", id, 2, new TitleChanged(id, "another instance")));

        assertThatThrownBy(() -> commands.sendAndWait(new ChangeTitle(id, null, "on the stale copy")))
                .isInstanceOf(ConcurrencyException.class);
        Object version = commands.sendAndWait(new ChangeTitle(id, 2L, "after the reload"));

        assertThat(version).isEqualTo(3L);
        assertThat(jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber", String.class, id))
                .hasSize(4)
                .satisfies(events -> assertThat(events.get(2)).contains("another instance"))
                .satisfies(events -> assertThat(events.get(3)).contains("after the reload"));
    }
}
