package dev.postmortem.query.kpis;

import dev.postmortem.api.event.CountermeasureAssigned;
import dev.postmortem.api.event.CountermeasureCompleted;
import dev.postmortem.api.event.CountermeasureDeclined;
import dev.postmortem.api.event.CountermeasureProposed;
import dev.postmortem.api.event.CountermeasureStarted;
import dev.postmortem.api.event.EventTypes;
import dev.postmortem.api.event.IncidentTimeCorrected;
import dev.postmortem.api.event.IncidentTimeRecorded;
import dev.postmortem.api.event.MeetingDetailsRecorded;
import dev.postmortem.api.event.PostMortemCreated;
import dev.postmortem.api.event.PostMortemEvent;
import dev.postmortem.api.event.PostMortemPublished;
import dev.postmortem.api.event.ReturnedToDraft;
import dev.postmortem.api.event.SeverityAssessed;
import dev.postmortem.api.event.SeverityRegraded;
import dev.postmortem.api.event.SubmittedForReview;
import dev.postmortem.api.event.TagAdded;
import dev.postmortem.api.value.CountermeasurePriority;
import dev.postmortem.api.value.CountermeasureType;
import dev.postmortem.query.kpis.KpiCalculator.DurationStats;
import dev.postmortem.query.kpis.KpiCalculator.Figures;
import dev.postmortem.query.kpis.KpiCalculator.Query;
import dev.postmortem.query.kpis.KpiCalculator.Report;
import dev.postmortem.query.stream.EventEnvelope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The KPIs of a hand-computed organisation: five post-mortems over three months (one before the period), three
 * severities and none, tags, a corrected start time, regrades, countermeasures in every state. Every expected figure
 * below was worked out by hand from the events (the arithmetic is in the comments), not by running the code.
 *
 * <pre>
 * post-mortem  start (anchor)      1st impact  detect   end     meeting     published  severity        tags
 * a            2026-01-05 10:00    10:10       10:20    12:00   +48 h       +72 h      SEV2→SEV1 (1)   dns, edge
 * b            2026-01-20 00:00*   —           00:30    04:00   —           —          SEV2            dns
 * c            2026-02-10 09:00    09:30       10:00    11:00   +24 h       +72 h      SEV3→SEV2→SEV1  —
 * d            (created 03-03)     —           —        —       —           —          —               edge
 * e            2025-12-31 23:00    —           23:10    23:40   —           —          SEV2            dns    (outside)
 * * b's start was first recorded as 2026-01-19 23:00 and corrected.
 * countermeasures (today 2026-06-15): a: done, open past 06-01 (overdue), proposed without owner, declined;
 * b: in progress until 07-01; c: two done.
 * </pre>
 */
class KpiCalculatorTest {

    static final LocalDate TODAY = LocalDate.parse("2026-06-15");
    static final LocalDate FROM = LocalDate.parse("2026-01-01");
    static final LocalDate TO = LocalDate.parse("2026-04-01");

    static List<KpiFacts> organisation() {
        PostMortemBuilder a = new PostMortemBuilder("a", "2026-01-05T08:00:00Z")
                .then(new SeverityAssessed("a", "SEV2"))
                .then(new SeverityRegraded("a", "SEV2", "SEV1"))
                .then(time("a", "start", "2026-01-05T10:00:00Z"))
                .then(time("a", "first-user-impact", "2026-01-05T10:10:00Z"))
                .then(time("a", "detect", "2026-01-05T10:20:00Z"))
                .then(time("a", "end", "2026-01-05T12:00:00Z"))
                .then(new TagAdded("a", "dns")).then(new TagAdded("a", "edge"))
                .then(new MeetingDetailsRecorded("a", Instant.parse("2026-01-07T12:00:00Z"), "Ana", "Ben"))
                .then(proposed("a", "a1")).then(assigned("a", "a1", "2026-02-01")).then(new CountermeasureCompleted("a", "a1", ""))
                .then(proposed("a", "a2")).then(assigned("a", "a2", "2026-06-01"))
                .then(proposed("a", "a3"))
                .then(proposed("a", "a4")).then(assigned("a", "a4", "2026-03-01")).then(new CountermeasureDeclined("a", "a4", "no"))
                .then(new SubmittedForReview("a"))
                .at("2026-01-08T12:00:00Z").then(new PostMortemPublished("a"))
                .at("2026-01-09T12:00:00Z").then(new ReturnedToDraft("a")).then(new SubmittedForReview("a"))
                .then(new PostMortemPublished("a"));
        PostMortemBuilder b = new PostMortemBuilder("b", "2026-01-20T06:00:00Z")
                .then(new SeverityAssessed("b", "SEV2"))
                .then(time("b", "start", "2026-01-19T23:00:00Z"))
                .then(time("b", "detect", "2026-01-20T00:30:00Z"))
                .then(time("b", "end", "2026-01-20T04:00:00Z"))
                .then(new IncidentTimeCorrected("b", "start", Instant.parse("2026-01-19T23:00:00Z"), Instant.parse("2026-01-20T00:00:00Z")))
                .then(new TagAdded("b", "dns"))
                .then(proposed("b", "b1")).then(assigned("b", "b1", "2026-07-01")).then(new CountermeasureStarted("b", "b1"));
        PostMortemBuilder c = new PostMortemBuilder("c", "2026-02-10T12:00:00Z")
                .then(new SeverityAssessed("c", "SEV3"))
                .then(new SeverityRegraded("c", "SEV3", "SEV2"))
                .then(new SeverityRegraded("c", "SEV2", "SEV1"))
                .then(time("c", "start", "2026-02-10T09:00:00Z"))
                .then(time("c", "first-user-impact", "2026-02-10T09:30:00Z"))
                .then(time("c", "detect", "2026-02-10T10:00:00Z"))
                .then(time("c", "end", "2026-02-10T11:00:00Z"))
                .then(new MeetingDetailsRecorded("c", Instant.parse("2026-02-11T11:00:00Z"), "Ana", "Ben"))
                .then(proposed("c", "c1")).then(assigned("c", "c1", "2026-03-01")).then(new CountermeasureCompleted("c", "c1", ""))
                .then(proposed("c", "c2")).then(assigned("c", "c2", "2026-03-15")).then(new CountermeasureCompleted("c", "c2", ""))
                .then(new SubmittedForReview("c"))
                .at("2026-02-13T11:00:00Z").then(new PostMortemPublished("c"));
        PostMortemBuilder d = new PostMortemBuilder("d", "2026-03-03T12:00:00Z").then(new TagAdded("d", "edge"));
        PostMortemBuilder e = new PostMortemBuilder("e", "2026-01-01T09:00:00Z")
                .then(new SeverityAssessed("e", "SEV2"))
                .then(time("e", "start", "2025-12-31T23:00:00Z"))
                .then(time("e", "detect", "2025-12-31T23:10:00Z"))
                .then(time("e", "end", "2025-12-31T23:40:00Z"))
                .then(new TagAdded("e", "dns"));
        return List.of(a.facts(), b.facts(), c.facts(), d.facts(), e.facts());
    }

    static Report report(String groupBy, String measureFrom) {
        return KpiCalculator.compute(organisation(), new Query(FROM, TO, groupBy, measureFrom, true, TODAY));
    }

    @Test
    void overallFiguresMatchTheHandComputation() {
        Figures all = report(null, "start").overall();
        assertThat(all.key()).isEqualTo("all");
        assertThat(all.postMortems()).as("a, b, c, d; e started before the period").isEqualTo(4);
        // detect − start: a 20 min = 1200 s, b 30 min = 1800 s (corrected start), c 60 min = 3600 s; d has none.
        assertStats(all.timeToDetect(), 3, 2200, 1800, 3600);            // (1200+1800+3600)/3 = 2200
        // end − start: a 2 h = 7200, b 4 h = 14400, c 2 h = 7200.
        assertStats(all.timeToResolve(), 3, 9600, 7200, 14400);          // 28800/3 = 9600
        // meeting − end: a 48 h = 172800, c 24 h = 86400; median of two = their mean.
        assertStats(all.timeToMeeting(), 2, 129600, 129600, 172800);
        // first publication − end: a 72 h (its second publication does not count), c 72 h.
        assertStats(all.timeToPublication(), 2, 259200, 259200, 259200);
        assertThat(all.timeToResolve().mean()).isEqualTo("PT2H40M");
        // countermeasures, declined ones not counted: a 3 (a1, a2, a3), b 1, c 2 = 6; with owner and date: a 2, b 1, c 2 = 5;
        // completed: a1, c1, c2 = 3; overdue on 06-15: a2 (06-01); b1 (07-01) is not.
        var countermeasures = all.countermeasures();
        assertThat(countermeasures.total()).isEqualTo(6);
        assertThat(countermeasures.withOwnerAndTargetDate()).isEqualTo(5);
        assertThat(countermeasures.shareWithOwnerAndTargetDate()).isEqualTo(0.8333);
        assertThat(countermeasures.completed()).isEqualTo(3);
        assertThat(countermeasures.completionRate()).isEqualTo(0.5);
        assertThat(countermeasures.overdue()).isEqualTo(1);
        // regrades: a 1, c 2 = 3; regraded post-mortems 2 of 4.
        assertThat(all.severityRegrades().regrades()).isEqualTo(3);
        assertThat(all.severityRegrades().postMortemsRegraded()).isEqualTo(2);
        assertThat(all.severityRegrades().shareRegraded()).isEqualTo(0.5);
    }

    @Test
    void byMonth() {
        List<Figures> months = report("month", "start").groups();
        assertThat(months).extracting(Figures::key).containsExactly("2026-01", "2026-02", "2026-03");
        Figures january = months.get(0);                               // a and b
        assertThat(january.postMortems()).isEqualTo(2);
        assertStats(january.timeToDetect(), 2, 1500, 1500, 1800);      // (1200+1800)/2
        assertStats(january.timeToResolve(), 2, 10800, 10800, 14400);  // (7200+14400)/2
        assertThat(january.countermeasures().total()).isEqualTo(4);
        assertThat(january.countermeasures().shareWithOwnerAndTargetDate()).isEqualTo(0.75);
        assertThat(january.countermeasures().completionRate()).isEqualTo(0.25);
        assertThat(january.countermeasures().overdue()).isEqualTo(1);
        assertThat(january.severityRegrades().shareRegraded()).isEqualTo(0.5);
        Figures february = months.get(1);                              // c
        assertStats(february.timeToDetect(), 1, 3600, 3600, 3600);
        assertThat(february.countermeasures().completionRate()).isEqualTo(1.0);
        assertThat(february.severityRegrades().regrades()).isEqualTo(2);
        Figures march = months.get(2);                                 // d: created in March, no times, no countermeasures
        assertThat(march.postMortems()).isEqualTo(1);
        assertStats(march.timeToDetect(), 0, null, null, null);
        assertThat(march.countermeasures().total()).isZero();
        assertThat(march.countermeasures().completionRate()).as("no countermeasures: no rate, not 0").isNull();
        assertThat(march.severityRegrades().shareRegraded()).isEqualTo(0.0);
    }

    @Test
    void bySeverityAndByTag() {
        List<Figures> severities = report("severity", "start").groups();
        assertThat(severities).extracting(Figures::key).containsExactly("(none)", "SEV1", "SEV2");
        Figures sev1 = severities.get(1);                              // a (regraded to SEV1) and c
        assertThat(sev1.postMortems()).isEqualTo(2);
        assertStats(sev1.timeToDetect(), 2, 2400, 2400, 3600);         // (1200+3600)/2
        assertStats(sev1.timeToResolve(), 2, 7200, 7200, 7200);
        assertThat(severities.get(2).postMortems()).as("b only: e is outside the period").isEqualTo(1);

        List<Figures> tags = report("tag", "start").groups();
        assertThat(tags).extracting(Figures::key).containsExactly("(none)", "dns", "edge");
        assertThat(tags).extracting(Figures::postMortems).containsExactly(1, 2, 2);   // c; a, b; a, d
        assertStats(tags.get(1).timeToDetect(), 2, 1500, 1500, 1800);
        assertStats(tags.get(2).timeToDetect(), 1, 1200, 1200, 1200);                // d has no times
    }

    @Test
    void measuredFromFirstUserImpact() {
        Figures all = report(null, "first-user-impact").overall();
        // only a and c recorded the first user impact: detect − impact a 10 min, c 30 min; end − impact a 110 min, c 90 min.
        assertStats(all.timeToDetect(), 2, 1200, 1200, 1800);
        assertStats(all.timeToResolve(), 2, 6000, 6000, 6600);
        assertThat(all.timeToMeeting().count()).as("meeting and publication are measured from the end regardless").isEqualTo(2);
    }

    @Test
    void perPostMortemDetailsUseTheCorrectedTimes() {
        Report report = report(null, "start");
        assertThat(report.postMortems()).extracting(KpiCalculator.PostMortemKpis::id).containsExactly("a", "b", "c", "d");
        var b = report.postMortems().get(1);
        assertThat(b.incidentStart()).isEqualTo(Instant.parse("2026-01-20T00:00:00Z"));
        assertThat(b.timeToDetectSeconds()).as("30 min from the corrected start, not 90 from the first one").isEqualTo(1800);
        assertThat(b.timeToResolveSeconds()).isEqualTo(14400);
        assertThat(b.timeToMeetingSeconds()).isNull();
        var a = report.postMortems().get(0);
        assertThat(a.countermeasures()).isEqualTo(3);
        assertThat(a.countermeasuresOverdue()).isEqualTo(1);
        assertThat(KpiCalculator.compute(organisation(), new Query(FROM, TO, null, "start", false, TODAY)).postMortems())
                .as("details only when asked").isNull();
    }

    @Test
    void aCorrectionChangesTheFiguresAsAReplayWould() {
        PostMortemBuilder before = new PostMortemBuilder("x", "2026-01-10T00:00:00Z")
                .then(time("x", "start", "2026-01-10T10:00:00Z"))
                .then(time("x", "end", "2026-01-10T11:00:00Z"));
        Query query = new Query(null, null, null, "start", true, TODAY);
        assertThat(KpiCalculator.compute(List.of(before.facts()), query).overall().timeToResolve().meanSeconds()).isEqualTo(3600);
        before.then(new IncidentTimeCorrected("x", "end", Instant.parse("2026-01-10T11:00:00Z"), Instant.parse("2026-01-10T12:30:00Z")));
        KpiFacts incremental = before.facts();
        KpiFacts replayed = KpiFold.fold(before.envelopes);
        assertThat(KpiCalculator.compute(List.of(incremental), query).overall().timeToResolve().meanSeconds()).isEqualTo(9000);
        assertThat(KpiCalculator.compute(List.of(replayed), query)).isEqualTo(KpiCalculator.compute(List.of(incremental), query));
    }

    @Test
    void meansAndMediansRoundHalfUpToWholeSeconds() {
        PostMortemBuilder one = new PostMortemBuilder("p", "2026-01-10T00:00:00Z")
                .then(time("p", "start", "2026-01-10T10:00:00Z")).then(time("p", "detect", "2026-01-10T10:00:01Z"));
        PostMortemBuilder two = new PostMortemBuilder("q", "2026-01-11T00:00:00Z")
                .then(time("q", "start", "2026-01-11T10:00:00Z")).then(time("q", "detect", "2026-01-11T10:00:02Z"));
        DurationStats stats = KpiCalculator.compute(List.of(one.facts(), two.facts()), new Query(null, null, null, "start", false, TODAY))
                                           .overall().timeToDetect();
        assertStats(stats, 2, 2, 2, 2);                                 // (1+2)/2 = 1.5 → 2
    }

    private static void assertStats(DurationStats stats, int count, Integer mean, Integer median, Integer max) {
        assertThat(stats.count()).as("count").isEqualTo(count);
        assertThat(stats.meanSeconds()).as("mean").isEqualTo(mean == null ? null : mean.longValue());
        assertThat(stats.medianSeconds()).as("median").isEqualTo(median == null ? null : median.longValue());
        assertThat(stats.maxSeconds()).as("max").isEqualTo(max == null ? null : max.longValue());
    }

    static IncidentTimeRecorded time(String id, String name, String at) {
        return new IncidentTimeRecorded(id, name, Instant.parse(at));
    }

    static CountermeasureProposed proposed(String id, String countermeasureId) {
        return new CountermeasureProposed(id, countermeasureId, "Countermeasure " + countermeasureId, "", CountermeasurePriority.MEDIUM,
                CountermeasureType.PREVENTIVE);
    }

    static CountermeasureAssigned assigned(String id, String countermeasureId, String targetDate) {
        return new CountermeasureAssigned(id, countermeasureId, "Ana", LocalDate.parse(targetDate));
    }

    /** The events of one post-mortem, each stored a minute after the previous unless moved with {@link #at}. */
    static final class PostMortemBuilder {
        final String id;
        final List<EventEnvelope> envelopes = new ArrayList<>();
        Instant time;

        PostMortemBuilder(String id, String createdAt) {
            this.id = id;
            this.time = Instant.parse(createdAt);
            add(new PostMortemCreated(id, "Post-mortem " + id));
        }

        /** The next event is stored at exactly this instant. */
        PostMortemBuilder at(String instant) {
            time = Instant.parse(instant).minusSeconds(60);
            return this;
        }

        PostMortemBuilder then(PostMortemEvent event) {
            time = time.plusSeconds(60);
            add(event);
            return this;
        }

        private void add(PostMortemEvent event) {
            envelopes.add(new EventEnvelope(id + "-" + envelopes.size(), EventTypes.typeOf(event.getClass()), id, envelopes.size(),
                    time, "ana", null, "t", event));
        }

        /** Folded one event at a time, as the live projection does. */
        KpiFacts facts() {
            KpiFacts facts = new KpiFacts();
            for (EventEnvelope envelope : envelopes) {
                facts = KpiFold.apply(facts, envelope);
            }
            return facts;
        }
    }
}
