package dev.postmortem.command.it;

import dev.postmortem.api.event.CountermeasureAssigned;
import dev.postmortem.api.event.CountermeasureBecameOverdue;
import dev.postmortem.api.event.CountermeasureProposed;
import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.value.CountermeasurePriority;
import dev.postmortem.api.value.CountermeasureType;
import dev.postmortem.command.countermeasures.OverdueWatch;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.MutableClock;
import dev.postmortem.localstack.junit.RunningServiceTest;
import dev.postmortem.localstack.junit.TestUsers;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The overdue watch against the real event store, with a clock the test moves forward: an open countermeasure is
 * announced once when its target date has passed, a completed one never, and a re-planned one again for its new date.
 */
@TestPropertySource(properties = "postmortem.followup.overdue-check-interval=1h")
class OverdueWatchIT extends RunningServiceTest {

    static final Instant START = Instant.parse("2031-03-02T09:00:00Z");
    static final MutableClock CLOCK = new MutableClock(START);

    @TestConfiguration
    static class MovableTime {
        @Bean
        @Primary
        MutableClock movableClock() {
            return CLOCK;
        }
    }

    @Autowired
    OverdueWatch watch;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcClient jdbc;

    @Test
    void openCountermeasuresAreAnnouncedOnceWhenTheirTargetDatePasses() {
        CLOCK.set(START);
        HttpApi api = api().as(TestUsers.ADMIN);
        String id = api.post("/api/postmortems", "{\"title\":\"Queue backlog\"}").ok().body().path("id").asText();
        String pm = "/api/postmortems/" + id;
        String open = propose(api, pm, "Alert on queue age");
        String done = propose(api, pm, "Scale consumers on lag");
        for (String c : List.of(open, done)) {
            api.put(pm + "/countermeasures/" + c + "/assignment", "{\"owner\":\"Ana\",\"targetDate\":\"2031-03-10\"}").ok();
        }
        api.post(pm + "/countermeasures/" + done + "/complete", "{\"note\":\"shipped\"}").ok();
        awaitDeadlines(id, 2);

        assertThat(watch.announceDue()).as("nothing is due on the target date itself").isZero();
        CLOCK.set(Instant.parse("2031-03-10T23:59:59Z"));
        watch.announceDue();
        assertThat(overdueEvents(id)).isEmpty();

        CLOCK.set(Instant.parse("2031-03-11T00:00:01Z"));
        watch.announceDue();
        assertThat(overdueEvents(id)).containsExactly(new CountermeasureBecameOverdue(id, open, "Ana", LocalDate.parse("2031-03-10")));
        DomainEventMessage<?> announced = lastEvent(id);
        assertThat(announced.getMetaData().get("actor")).isEqualTo("system:overdue-watch");

        CLOCK.advance(Duration.ofDays(30));
        watch.announceDue();
        assertThat(overdueEvents(id)).as("announced once per target date").hasSize(1);

        api.put(pm + "/countermeasures/" + open + "/assignment", "{\"owner\":\"Ben\",\"targetDate\":\"2031-05-01\"}").ok();
        awaitTargetDate(id, open, LocalDate.parse("2031-05-01"));
        CLOCK.set(Instant.parse("2031-05-02T08:00:00Z"));
        watch.announceDue();
        assertThat(overdueEvents(id)).containsExactly(
                new CountermeasureBecameOverdue(id, open, "Ana", LocalDate.parse("2031-03-10")),
                new CountermeasureBecameOverdue(id, open, "Ben", LocalDate.parse("2031-05-01")));
    }

    /**
     * Events stored before target dates were checked may carry any date Java holds; PostgreSQL holds neither year
     * +999999999 nor -999999999, and one such event stopped the deadline processor for good (it retries a failing event
     * for ever), so no countermeasure anywhere was announced overdue again. Now such a date is kept clamped.
     */
    @Test
    void targetDatesBeyondWhatPostgresHoldsNeitherStopTheWatchNorGoUnannounced() {
        CLOCK.set(START);
        String legacy = java.util.UUID.randomUUID().toString();
        Map<String, Object> actor = Map.of("actor", "legacy");
        List<Object> events = List.of(new PostMortemCreated(legacy, "Stored before the checks"),
                new CountermeasureProposed(legacy, "far", "Far future", "", CountermeasurePriority.LOW, CountermeasureType.PREVENTIVE),
                new CountermeasureAssigned(legacy, "far", "Ana", LocalDate.MAX),
                new CountermeasureProposed(legacy, "past", "Far past", "", CountermeasurePriority.LOW, CountermeasureType.PREVENTIVE),
                new CountermeasureAssigned(legacy, "past", "Ana", LocalDate.MIN));
        for (int i = 0; i < events.size(); i++) {
            eventStore.publish(new GenericDomainEventMessage<>("PostMortem", legacy, i, events.get(i), actor));
        }

        HttpApi api = api().as(TestUsers.ADMIN);
        String id = api.post("/api/postmortems", "{\"title\":\"After the legacy events\"}").ok().body().path("id").asText();
        String later = propose(api, "/api/postmortems/" + id, "Alert on queue age");
        api.put("/api/postmortems/" + id + "/countermeasures/" + later + "/assignment", "{\"owner\":\"Ben\",\"targetDate\":\"2031-03-10\"}").ok();
        awaitDeadlines(id, 1);
        awaitDeadlines(legacy, 2);

        CLOCK.set(Instant.parse("2031-03-11T00:00:01Z"));
        watch.announceDue();
        assertThat(overdueEvents(legacy)).as("the far past is overdue; the far future is not")
                                         .containsExactly(new CountermeasureBecameOverdue(legacy, "past", "Ana", LocalDate.MIN));
        assertThat(overdueEvents(id)).containsExactly(new CountermeasureBecameOverdue(id, later, "Ben", LocalDate.parse("2031-03-10")));
        watch.announceDue();
        assertThat(overdueEvents(legacy)).as("once").hasSize(1);
    }

    private static String propose(HttpApi api, String pm, String title) {
        return api.post(pm + "/countermeasures", HttpApi.json(Map.of("title", title, "priority", "HIGH", "type", "PREVENTIVE")))
                  .ok().body().path("id").asText();
    }

    private List<CountermeasureBecameOverdue> overdueEvents(String id) {
        return eventStore.readEvents(id).asStream().map(DomainEventMessage::getPayload)
                         .filter(CountermeasureBecameOverdue.class::isInstance).map(CountermeasureBecameOverdue.class::cast).toList();
    }

    private DomainEventMessage<?> lastEvent(String id) {
        return eventStore.readEvents(id).asStream().reduce((first, second) -> second).orElseThrow();
    }

    private void awaitDeadlines(String id, int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM countermeasure_deadline WHERE post_mortem_id = ?")
                                                             .param(id).query(Long.class).single() == count);
    }

    private void awaitTargetDate(String id, String countermeasureId, LocalDate targetDate) {
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT count(*) FROM countermeasure_deadline WHERE post_mortem_id = ? AND countermeasure_id = ? AND target_date = ?")
                                                             .params(id, countermeasureId, targetDate).query(Long.class).single() == 1);
    }
}
