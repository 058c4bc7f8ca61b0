package dev.postmortem.query.kpis;

import dev.postmortem.api.event.CountermeasureAssigned;
import dev.postmortem.api.event.CountermeasureCompleted;
import dev.postmortem.api.event.CountermeasureDeclined;
import dev.postmortem.api.event.CountermeasureProposed;
import dev.postmortem.api.event.CountermeasureStarted;
import dev.postmortem.api.event.IncidentTimeCleared;
import dev.postmortem.api.event.IncidentTimeCorrected;
import dev.postmortem.api.event.IncidentTimeRecorded;
import dev.postmortem.api.event.MeetingDetailsRecorded;
import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.PostMortemEvent;
import dev.postmortem.api.event.PostMortemPublished;
import dev.postmortem.api.event.PostMortemRestricted;
import dev.postmortem.api.event.PostMortemUnrestricted;
import dev.postmortem.api.event.ReturnedToDraft;
import dev.postmortem.api.event.SeverityAssessed;
import dev.postmortem.api.event.SeverityRegraded;
import dev.postmortem.api.event.SubmittedForReview;
import dev.postmortem.api.event.TagAdded;
import dev.postmortem.api.event.TagRemoved;
import dev.postmortem.api.event.TitleChanged;
import dev.postmortem.api.value.CountermeasureStatus;
import dev.postmortem.api.value.PostMortemStatus;
import dev.postmortem.query.security.Viewer;
import dev.postmortem.query.stream.EventEnvelope;

import java.util.List;
import java.util.function.Consumer;

/**
 * The fold of a post-mortem's events into its KPI facts. Pure, like the view's fold: the live projection, a rebuild
 * and a test folding the same events get the same facts. Events that do not bear on a KPI only move the version.
 */
public final class KpiFold {

    private KpiFold() {
    }

    public static KpiFacts fold(List<EventEnvelope> events) {
        KpiFacts facts = new KpiFacts();
        for (EventEnvelope event : events) {
            facts = apply(facts, event);
        }
        return facts;
    }

    /** The facts after one more event; the given facts are not modified. */
    public static KpiFacts apply(KpiFacts state, EventEnvelope envelope) {
        KpiFacts facts = state.copy();
        PostMortemEvent event = envelope.event();
        facts.id = envelope.postMortemId();
        facts.version = envelope.sequence();
        if (event instanceof PostMortemCreated e) {
            facts.title = e.title();
            facts.status = PostMortemStatus.DRAFT.name();
            facts.createdAt = envelope.time();
            facts.visibleTo = e.restricted() ? Viewer.principals(e.restrictedToPeople(), e.restrictedToGroups()) : null;
        } else if (event instanceof TitleChanged e) {
            facts.title = e.title();
        } else if (event instanceof IncidentTimeRecorded e) {
            facts.times.put(e.name(), e.at());
        } else if (event instanceof IncidentTimeCorrected e) {
            facts.times.put(e.name(), e.at());
        } else if (event instanceof IncidentTimeCleared e) {
            facts.times.remove(e.name());
        } else if (event instanceof MeetingDetailsRecorded e) {
            facts.meetingAt = e.meetingAt();
        } else if (event instanceof SeverityAssessed e) {
            facts.severity = e.level();
        } else if (event instanceof SeverityRegraded e) {
            facts.severity = e.level();
            facts.severityRegrades++;
        } else if (event instanceof TagAdded e) {
            if (!facts.tags.contains(e.tag())) {
                facts.tags.add(e.tag());
            }
        } else if (event instanceof TagRemoved e) {
            facts.tags.remove(e.tag());
        } else if (event instanceof CountermeasureProposed e) {
            KpiFacts.Countermeasure countermeasure = new KpiFacts.Countermeasure();
            countermeasure.id = e.countermeasureId();
            countermeasure.status = CountermeasureStatus.PROPOSED.name();
            facts.countermeasures.add(countermeasure);
        } else if (event instanceof CountermeasureAssigned e) {
            countermeasure(facts, e.countermeasureId(), c -> {
                c.owner = e.owner();
                c.targetDate = e.targetDate();
                if (CountermeasureStatus.PROPOSED.name().equals(c.status)) {
                    c.status = CountermeasureStatus.ASSIGNED.name();
                }
            });
        } else if (event instanceof CountermeasureStarted e) {
            countermeasure(facts, e.countermeasureId(), c -> c.status = CountermeasureStatus.IN_PROGRESS.name());
        } else if (event instanceof CountermeasureCompleted e) {
            countermeasure(facts, e.countermeasureId(), c -> {
                c.status = CountermeasureStatus.COMPLETED.name();
                c.completedAt = envelope.time();
            });
        } else if (event instanceof CountermeasureDeclined e) {
            countermeasure(facts, e.countermeasureId(), c -> c.status = CountermeasureStatus.DECLINED.name());
        } else if (event instanceof PostMortemRestricted e) {
            facts.visibleTo = Viewer.principals(e.people(), e.groups());
        } else if (event instanceof PostMortemUnrestricted) {
            facts.visibleTo = null;
        } else if (event instanceof SubmittedForReview) {
            facts.status = PostMortemStatus.IN_REVIEW.name();
        } else if (event instanceof ReturnedToDraft) {
            facts.status = PostMortemStatus.DRAFT.name();
        } else if (event instanceof PostMortemPublished) {
            facts.status = PostMortemStatus.PUBLISHED.name();
            if (facts.publishedAt == null) {
                facts.publishedAt = envelope.time();
            }
        }
        return facts;
    }

    private static void countermeasure(KpiFacts facts, String id, Consumer<KpiFacts.Countermeasure> change) {
        facts.countermeasures.stream().filter(c -> c.id.equals(id)).findFirst().ifPresent(change);
    }
}
