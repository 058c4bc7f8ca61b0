package dev.postmortem.query.postmortem;

import dev.postmortem.api.event.CountermeasureAssigned;
import dev.postmortem.api.event.CountermeasureBecameOverdue;
import dev.postmortem.api.event.CountermeasureCompleted;
import dev.postmortem.api.event.CountermeasureProposed;
import dev.postmortem.api.event.CountermeasureRevisited;
import dev.postmortem.api.event.EventTypes;
import dev.postmortem.api.event.IncidentTimeCleared;
import dev.postmortem.api.event.IncidentTimeCorrected;
import dev.postmortem.api.event.IncidentLinked;
import dev.postmortem.api.event.IncidentTimeRecorded;
import dev.postmortem.api.event.IncidentUnlinked;
import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.PostMortemEvent;
import dev.postmortem.api.event.PostMortemPublished;
import dev.postmortem.api.event.PostMortemRestricted;
import dev.postmortem.api.event.PostMortemUnrestricted;
import dev.postmortem.api.event.SeverityAssessed;
import dev.postmortem.api.event.SeverityRegraded;
import dev.postmortem.api.event.StakeholderAdded;
import dev.postmortem.api.event.StakeholderRemoved;
import dev.postmortem.api.event.SubmittedForReview;
import dev.postmortem.api.event.TagAdded;
import dev.postmortem.api.event.TagRemoved;
import dev.postmortem.api.event.TimelineEntryAdded;
import dev.postmortem.api.event.TimelineEntryImported;
import dev.postmortem.api.event.TimelineEntryCorrected;
import dev.postmortem.api.event.TimelineEntryWithdrawn;
import dev.postmortem.api.event.TitleChanged;
import dev.postmortem.api.event.WhyAnswered;
import dev.postmortem.api.event.WhyRemoved;
import dev.postmortem.api.value.CountermeasurePriority;
import dev.postmortem.api.value.CountermeasureType;
import dev.postmortem.api.value.RevisitVerdict;
import dev.postmortem.api.value.StakeholderRole;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.query.stream.EventEnvelope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The projection's logic as plain methods: events in, view and changes out. */
class PostMortemFoldTest {

    static final String ID = "pm-1";
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    static List<EventEnvelope> envelopes(PostMortemEvent... events) {
        List<EventEnvelope> envelopes = new ArrayList<>();
        for (int i = 0; i < events.length; i++) {
            envelopes.add(new EventEnvelope("e" + i, EventTypes.typeOf(events[i].getClass()), ID, i, T0.plusSeconds(60L * i),
                    i == 0 ? "ana" : "ben", null, "t", events[i]));
        }
        return envelopes;
    }

    @Test
    void foldsCreationWithItsActorAndTime() {
        PostMortemView view = PostMortemFold.fold(envelopes(new PostMortemCreated(ID, "DNS outage")));
        assertThat(view.id).isEqualTo(ID);
        assertThat(view.title).isEqualTo("DNS outage");
        assertThat(view.status).isEqualTo("DRAFT");
        assertThat(view.version).isZero();
        assertThat(view.createdBy).isEqualTo("ana");
        assertThat(view.createdAt).isEqualTo(T0);
        assertThat(view.lastChangedBy).isEqualTo("ana");
    }

    @Test
    void foldsTheLinkedIncidentItsReplacementAndRemoval() {
        PostMortemView linked = PostMortemFold.fold(envelopes(new PostMortemCreated(ID, "DNS outage"),
                new IncidentLinked(ID, "pagerduty", "Q2LC6ZT3O8XKA1", "https://acme.pagerduty.com/incidents/Q2LC6ZT3O8XKA1")));
        assertThat(linked.incident.provider).isEqualTo("pagerduty");
        assertThat(linked.incident.incidentId).isEqualTo("Q2LC6ZT3O8XKA1");
        assertThat(linked.incident.url).isEqualTo("https://acme.pagerduty.com/incidents/Q2LC6ZT3O8XKA1");
        PostMortemView replaced = PostMortemFold.fold(envelopes(new PostMortemCreated(ID, "DNS outage"),
                new IncidentLinked(ID, "pagerduty", "Q2LC6ZT3O8XKA1", "https://acme.pagerduty.com/incidents/Q2LC6ZT3O8XKA1"),
                new IncidentLinked(ID, "other", "INC-42", "")));
        assertThat(replaced.incident.incidentId).isEqualTo("INC-42");
        assertThat(replaced.incident.url).as("no address").isNull();
        assertThat(ViewChanges.between(linked, replaced)).extracting(ViewChanges.Change::field)
                .contains("incident.incidentId", "incident.provider", "incident.url");
        PostMortemView unlinked = PostMortemFold.fold(envelopes(new PostMortemCreated(ID, "DNS outage"),
                new IncidentLinked(ID, "other", "INC-42", ""), new IncidentUnlinked(ID)));
        assertThat(unlinked.incident).isNull();
    }

    @Test
    void anImportedEntryIsATimelineEntryThatSaysWhereItCameFrom() {
        PostMortemView view = PostMortemFold.fold(envelopes(new PostMortemCreated(ID, "DNS outage"),
                new TimelineEntryAdded(ID, "mine", T0.plusSeconds(300), TimelineEntryKind.ACTION, "Rolled back", "", ""),
                new TimelineEntryImported(ID, "pd-1", T0, TimelineEntryKind.DETECTION, "Triggered through the API.", "", "Checkout API",
                        "pagerduty", "Q2LC6ZT3O8XKA1", "R00KXVUVQ7ZB8N00"),
                new TimelineEntryImported(ID, "csv-1", T0.plusSeconds(60), TimelineEntryKind.OBSERVATION, "Tickets", "", "", "csv", "", "")));
        assertThat(view.timeline).extracting(entry -> entry.id).containsExactly("pd-1", "csv-1", "mine");
        assertThat(view.timeline.get(0).importedFrom.source).isEqualTo("pagerduty");
        assertThat(view.timeline.get(0).importedFrom.name).isEqualTo("Q2LC6ZT3O8XKA1");
        assertThat(view.timeline.get(0).importedFrom.ref).isEqualTo("R00KXVUVQ7ZB8N00");
        assertThat(view.timeline.get(0).perspective).isEqualTo("Checkout API");
        assertThat(view.timeline.get(1).importedFrom.name).as("none given").isNull();
        assertThat(view.timeline.get(2).importedFrom).as("written by hand").isNull();
    }

    @Test
    void foldsTimesSeverityAndLifecycle() {
        PostMortemView view = PostMortemFold.fold(envelopes(
                new PostMortemCreated(ID, "DNS outage"),
                new IncidentTimeRecorded(ID, "start", T0),
                new IncidentTimeRecorded(ID, "hotfix", T0.plusSeconds(600)),
                new IncidentTimeCorrected(ID, "start", T0, T0.minusSeconds(60)),
                new IncidentTimeCleared(ID, "hotfix", T0.plusSeconds(600)),
                new SeverityAssessed(ID, "SEV3"),
                new SeverityRegraded(ID, "SEV3", "SEV2"),
                new SubmittedForReview(ID),
                new PostMortemPublished(ID)));
        assertThat(view.times).containsOnlyKeys("start").containsEntry("start", T0.minusSeconds(60));
        assertThat(view.severity).isEqualTo("SEV2");
        assertThat(view.severityRegrades).isEqualTo(1);
        assertThat(view.status).isEqualTo("PUBLISHED");
        assertThat(view.publishedAt).isEqualTo(T0.plusSeconds(60L * 8));
        assertThat(view.version).isEqualTo(8);
        assertThat(view.lastChangedBy).isEqualTo("ben");
    }

    @Test
    void keepsTheTimelineChronologicalAndWithdrawnEntriesMarked() {
        PostMortemView view = PostMortemFold.fold(envelopes(
                new PostMortemCreated(ID, "x"),
                new TimelineEntryAdded(ID, "late", T0.plusSeconds(300), TimelineEntryKind.ACTION, "Rolled back", "", ""),
                new TimelineEntryAdded(ID, "early", T0, TimelineEntryKind.DETECTION, "Alert", "", "on-call"),
                new TimelineEntryCorrected(ID, "late", T0.plusSeconds(200), TimelineEntryKind.RESOLUTION_STEP, "Rolled back v42",
                        "Errors stopped", ""),
                new TimelineEntryWithdrawn(ID, "early")));
        assertThat(view.timeline).extracting(entry -> entry.id).containsExactly("early", "late");
        assertThat(view.timeline.get(0).withdrawn).isTrue();
        assertThat(view.timeline.get(1).kind).isEqualTo("RESOLUTION_STEP");
        assertThat(view.timeline.get(1).effect).isEqualTo("Errors stopped");
        assertThat(view.timeline.get(1).addedBy).isEqualTo("ben");
    }

    @Test
    void foldsStakeholdersWhysTagsAndCountermeasures() {
        PostMortemView view = PostMortemFold.fold(envelopes(
                new PostMortemCreated(ID, "x"),
                new StakeholderAdded(ID, "s1", "Ana", List.of(StakeholderRole.RESPONDED)),
                new StakeholderAdded(ID, "s2", "Ben", List.of(StakeholderRole.AFFECTED)),
                new StakeholderRemoved(ID, "s1"),
                new WhyAnswered(ID, 1, "Why?", "A"),
                new WhyAnswered(ID, 2, "Why A?", "B"),
                new WhyAnswered(ID, 1, "Why?", "A, really"),
                new WhyRemoved(ID, 2),
                new TagAdded(ID, "dns"),
                new TagAdded(ID, "cache"),
                new TagRemoved(ID, "dns"),
                new CountermeasureProposed(ID, "c1", "TTL alert", "", CountermeasurePriority.HIGH, CountermeasureType.DETECTIVE),
                new CountermeasureAssigned(ID, "c1", "ana", LocalDate.parse("2026-12-01")),
                new CountermeasureCompleted(ID, "c1", "done"),
                new CountermeasureRevisited(ID, "c1", RevisitVerdict.EFFECTIVE, "quiet since"),
                new CountermeasureProposed(ID, "c2", "Runbook", "", CountermeasurePriority.LOW, CountermeasureType.MITIGATING),
                new CountermeasureAssigned(ID, "c2", "ben", LocalDate.parse("2026-12-02")),
                new CountermeasureBecameOverdue(ID, "c2", "ben", LocalDate.parse("2026-12-02"))));
        assertThat(view.stakeholders).extracting(s -> s.name).containsExactly("Ben");
        assertThat(view.fiveWhys).extracting(w -> w.answer).containsExactly("A, really");
        assertThat(view.tags).containsExactly("cache");
        PostMortemView.Countermeasure countermeasure = view.countermeasures.get(0);
        assertThat(countermeasure.status).isEqualTo("COMPLETED");
        assertThat(countermeasure.owner).isEqualTo("ana");
        assertThat(countermeasure.targetDate).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(countermeasure.revisits).extracting(r -> r.verdict).containsExactly("EFFECTIVE");
        assertThat(countermeasure.overdueAnnouncedFor).isNull();
        assertThat(view.countermeasures.get(1).overdueAnnouncedFor).isEqualTo(LocalDate.parse("2026-12-02"));
        assertThat(view.countermeasures.get(1).status).as("an announcement changes no status").isEqualTo("ASSIGNED");
    }

    @Test
    void aRestrictionNamesWhoMaySeeItAndLiftingItOpensItAgain() {
        PostMortemView restricted = PostMortemFold.fold(envelopes(
                new PostMortemCreated(ID, "x"),
                new PostMortemRestricted(ID, List.of("ana"), List.of("security"))));
        assertThat(restricted.restriction.people).containsExactly("ana");
        assertThat(restricted.visibleTo).containsExactly("user:ana", "group:security");
        PostMortemView open = PostMortemFold.fold(envelopes(
                new PostMortemCreated(ID, "x"),
                new PostMortemRestricted(ID, List.of("ana"), List.of("security")),
                new PostMortemUnrestricted(ID)));
        assertThat(open.restriction).isNull();
        assertThat(open.visibleTo).isNull();
        assertThat(new dev.postmortem.query.security.Viewer("bob", List.of("payments"), false).maySee(restricted.visibleTo)).isFalse();
        assertThat(new dev.postmortem.query.security.Viewer("cy", List.of("security"), false).maySee(restricted.visibleTo)).isTrue();
        assertThat(new dev.postmortem.query.security.Viewer("bob", List.of(), false).maySee(open.visibleTo)).isTrue();
    }

    @Test
    void applyNeverChangesTheStateItStartsFrom() {
        List<EventEnvelope> events = envelopes(new PostMortemCreated(ID, "Before"), new TitleChanged(ID, "After"));
        PostMortemView before = PostMortemFold.apply(new PostMortemView(), events.get(0));
        PostMortemView after = PostMortemFold.apply(before, events.get(1));
        assertThat(before.title).isEqualTo("Before");
        assertThat(after.title).isEqualTo("After");
    }

    @Test
    void changesNameEachFieldWithOldAndNewValues() {
        List<EventEnvelope> events = envelopes(
                new PostMortemCreated(ID, "x"),
                new CountermeasureProposed(ID, "c1", "TTL alert", "", CountermeasurePriority.HIGH, CountermeasureType.DETECTIVE),
                new CountermeasureAssigned(ID, "c1", "ana", LocalDate.parse("2026-12-01")));
        PostMortemView proposed = PostMortemFold.fold(events.subList(0, 2));
        PostMortemView assigned = PostMortemFold.apply(proposed, events.get(2));
        assertThat(ViewChanges.between(proposed, assigned)).containsExactly(
                new ViewChanges.Change("countermeasures[c1].owner", null, "ana"),
                new ViewChanges.Change("countermeasures[c1].status", "PROPOSED", "ASSIGNED"),
                new ViewChanges.Change("countermeasures[c1].targetDate", null, "2026-12-01"));
        assertThat(ViewChanges.between(assigned, assigned)).isEmpty();
    }

    @Test
    void theFirstEventShowsEverythingItSetAsNew() {
        PostMortemView created = PostMortemFold.fold(envelopes(new PostMortemCreated(ID, "DNS outage")));
        assertThat(ViewChanges.between(new PostMortemView(), created)).extracting(ViewChanges.Change::field)
                .containsExactly("createdAt", "createdBy", "status", "title");
    }
}
