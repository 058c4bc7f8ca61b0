package dev.postmortem.query.kpis;

import dev.postmortem.query.failclosed.FailsClosed;
import dev.postmortem.query.security.Viewer;
import org.springframework.data.annotation.Id;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What the KPIs need of one post-mortem, as the {@code kpi_facts} collection stores it: its incident times (as
 * corrected), meeting and first publication, severity and how often it was regraded, tags, and each countermeasure's
 * owner, target date and progress. Raw facts, not figures: every KPI definition is computed from them at query time,
 * so a new definition needs no replay.
 */
public class KpiFacts extends FailsClosed {

    @Id
    public String id;
    public String title;
    public String status;
    public Instant createdAt;
    public TreeMap<String, Instant> times = new TreeMap<>();
    public Instant meetingAt;
    /** The first publication; returning to draft and publishing again does not move it. */
    public Instant publishedAt;
    public String severity;
    public int severityRegrades;
    public List<String> tags = new ArrayList<>();
    public List<Countermeasure> countermeasures = new ArrayList<>();
    /** While restricted: who may see this post-mortem in any figure (see KpiController). */
    public List<String> visibleTo;

    @Override
    public void restrictTo(List<String> people, List<String> groups) {
        visibleTo = people.isEmpty() && groups.isEmpty() ? null : Viewer.principals(people, groups);
    }

    /**
     * A deep copy, so that folding one more event never touches the facts it starts from. Written out by hand: the
     * copy through Jackson it replaces was a quarter of a rebuild's CPU (KpiFactsTest keeps it complete).
     */
    public KpiFacts copy() {
        KpiFacts copy = new KpiFacts();
        copy.id = id;
        copy.title = title;
        copy.status = status;
        copy.createdAt = createdAt;
        copy.times = times == null ? null : new TreeMap<>(times);
        copy.meetingAt = meetingAt;
        copy.publishedAt = publishedAt;
        copy.severity = severity;
        copy.severityRegrades = severityRegrades;
        copy.tags = tags == null ? null : new ArrayList<>(tags);
        copy.countermeasures = countermeasures == null ? null : new ArrayList<>(countermeasures.size());
        if (countermeasures != null) {
            countermeasures.forEach(countermeasure -> copy.countermeasures.add(countermeasure == null ? null : countermeasure.copy()));
        }
        copy.visibleTo = visibleTo == null ? null : new ArrayList<>(visibleTo);
        copy.version = version;
        copy.stuck = stuck == null ? null : stuck.copy();
        copy.pendingRestriction = pendingRestriction == null ? null : pendingRestriction.copy();
        return copy;
    }

    /** One countermeasure's follow-through. */
    public static class Countermeasure {
        public String id;
        public String status;
        public String owner;
        public LocalDate targetDate;
        public Instant completedAt;

        Countermeasure copy() {
            Countermeasure copy = new Countermeasure();
            copy.id = id;
            copy.status = status;
            copy.owner = owner;
            copy.targetDate = targetDate;
            copy.completedAt = completedAt;
            return copy;
        }
    }
}
