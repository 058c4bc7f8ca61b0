package dev.postmortem.web.views;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.postmortem.web.backend.Uris;

import java.util.List;
import java.util.Map;

/** The lists the query service answers with, as the pages read them. */
public final class Lists {

    /** How each list is read from the services' JSON. */
    public static final TypeReference<Page<Summary>> SUMMARIES = new TypeReference<>() { };
    public static final TypeReference<Page<CountermeasureItem>> COUNTERMEASURES = new TypeReference<>() { };
    public static final TypeReference<Page<HistoryEntry>> HISTORY = new TypeReference<>() { };

    private Lists() {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
        public Page {
            items = items == null ? List.of() : items;
        }
    }

    /** A post-mortem in a list; {@code submittedBy} and {@code submittedAt}: who last submitted it for review, and when. */
    public record Summary(String id, String title, String status, String severity, List<String> tags, String incidentStart,
                          String createdAt, String createdBy, String lastChangedAt, String publishedAt, String submittedBy,
                          String submittedAt, long version) {
        public Summary {
            tags = tags == null ? List.of() : tags;
        }
    }

    /** "On this day": past incidents of this time of the year, each with how many years ago it was. */
    public record OnThisDay(String date, List<PastIncident> items) {
        public OnThisDay {
            items = items == null ? List.of() : items;
        }
    }

    public record PastIncident(int yearsAgo, Summary postMortem) {
    }

    /** A countermeasure across the organisation. */
    public record CountermeasureItem(String id, String postMortemId, String postMortemTitle, String title, String status, String owner,
                                     String targetDate, String priority, String type, String lastVerdict) {
        public boolean overdueOn(String today) {
            return targetDate != null && targetDate.compareTo(today) < 0 && ("ASSIGNED".equals(status) || "IN_PROGRESS".equals(status));
        }
    }

    public record SearchResult(long total, List<Hit> hits, Map<String, Map<String, Long>> facets, String next) {
        public SearchResult {
            hits = hits == null ? List.of() : hits;
            facets = facets == null ? Map.of() : facets;
        }
    }

    public record Hit(String id, String title, String severity, String status, List<String> tags, String incidentStart, Double score,
                      Map<String, List<String>> highlights) {
        public Hit {
            tags = tags == null ? List.of() : tags;
            highlights = highlights == null ? Map.of() : highlights;
        }
    }

    public record HistoryEntry(long version, String event, String time, String actor, String reason, List<Change> changes) {
        public HistoryEntry {
            changes = changes == null ? List.of() : changes;
        }
    }

    public record Change(String field, String oldValue, String newValue) {
    }

    /** Follow-through of one owner; its row links to the owner's countermeasures. */
    public record OwnerFollowThrough(String owner, int open, int overdue, int revisitDue, int completed, int declined) {
        public String link() {
            return Uris.of("/countermeasures", "owner", owner);
        }
    }

    /** Field-by-field differences between two versions. */
    public record Diff(String postMortemId, long from, long to, List<Change> changes) {
        public Diff {
            changes = changes == null ? List.of() : changes;
        }
    }

    /** The KPIs over a period, overall and per group. */
    public record KpiReport(String from, String to, String groupBy, String measureFrom, KpiFigures overall, List<KpiFigures> groups) {
        public KpiReport {
            groups = groups == null ? List.of() : groups;
        }
    }

    public record KpiFigures(String key, int postMortems, Durations timeToDetect, Durations timeToResolve, Durations timeToMeeting,
                             Durations timeToPublication, CountermeasureFigures countermeasures, Regrades severityRegrades) {
    }

    /** Seconds, and how a person reads them ("3 h 20 min"). */
    public record Durations(int count, Long meanSeconds, Long medianSeconds, Long maxSeconds) {
        public String median() {
            return readable(medianSeconds);
        }

        public String mean() {
            return readable(meanSeconds);
        }

        public String max() {
            return readable(maxSeconds);
        }
    }

    public record CountermeasureFigures(int total, int withOwnerAndTargetDate, Double shareWithOwnerAndTargetDate, int completed,
                                        Double completionRate, int overdue) {
    }

    public record Regrades(int regrades, int postMortemsRegraded, Double shareRegraded) {
    }

    /** "—", "45 s", "12 min", "3 h 20 min", "2 d 4 h". */
    public static String readable(Long seconds) {
        if (seconds == null) {
            return "—";
        }
        long s = Math.abs(seconds);
        String sign = seconds < 0 ? "−" : "";
        if (s < 60) {
            return sign + s + " s";
        }
        if (s < 3600) {
            return sign + (s / 60) + " min";
        }
        if (s < 86_400) {
            return sign + (s / 3600) + " h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + " min");
        }
        return sign + (s / 86_400) + " d" + (s % 86_400 / 3600 == 0 ? "" : " " + (s % 86_400 / 3600) + " h");
    }
}
