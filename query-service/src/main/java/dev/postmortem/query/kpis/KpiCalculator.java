package dev.postmortem.query.kpis;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Computes the KPIs from post-mortems' facts. Pure: the same facts and query give the same figures, so the
 * definitions below are tested against hand computations.
 * <ul>
 *   <li>A post-mortem belongs to the period of its incident start (its creation if no start is recorded); months
 *       are UTC calendar months.</li>
 *   <li>Time to detect = detect − the measured-from time; time to resolve (MTTR) = end − the measured-from time.
 *       The measured-from time is {@code start} unless the query names another (e.g. {@code first-user-impact});
 *       a post-mortem without both times is left out of that figure, and counted as such.</li>
 *   <li>Time to meeting = meeting − end; time to publication = first publication − end.</li>
 *   <li>Countermeasures: declined ones are not counted; overdue = open with a target date before today.</li>
 *   <li>Means and medians are rounded to whole seconds (half up); shares to four decimals.</li>
 * </ul>
 */
public final class KpiCalculator {

    public static final String ALL = "all";
    public static final String NONE = "(none)";
    public static final Set<String> GROUPINGS = Set.of("month", "severity", "tag");
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

    private KpiCalculator() {
    }

    /** What to compute: the period [from, to) (either open), a grouping or none, and the measured-from time. */
    public record Query(LocalDate from, LocalDate to, String groupBy, String measureFrom, boolean details, LocalDate today) {
    }

    public record Report(LocalDate from, LocalDate to, String groupBy, String measureFrom, Figures overall,
                         List<Figures> groups, List<PostMortemKpis> postMortems) {
    }

    /** The figures of one group of post-mortems ({@code key} "all" for the whole period). */
    public record Figures(String key, int postMortems, DurationStats timeToDetect, DurationStats timeToResolve,
                          DurationStats timeToMeeting, DurationStats timeToPublication,
                          CountermeasureFigures countermeasures, RegradeFigures severityRegrades) {
    }

    /** Over the post-mortems that have the figure: how many, mean, median and longest; seconds and ISO-8601. */
    public record DurationStats(int count, Long meanSeconds, Long medianSeconds, Long maxSeconds,
                                String mean, String median, String max) {
    }

    public record CountermeasureFigures(int total, int withOwnerAndTargetDate, Double shareWithOwnerAndTargetDate,
                                        int completed, Double completionRate, int overdue) {
    }

    public record RegradeFigures(int regrades, int postMortemsRegraded, Double shareRegraded) {
    }

    /** One post-mortem's own figures (durations in seconds; null where the times are missing). */
    public record PostMortemKpis(String id, String title, String severity, List<String> tags, Instant incidentStart,
                                 Long timeToDetectSeconds, Long timeToResolveSeconds, Long timeToMeetingSeconds,
                                 Long timeToPublicationSeconds, int countermeasures, int countermeasuresWithOwnerAndTargetDate,
                                 int countermeasuresCompleted, int countermeasuresOverdue, int severityRegrades) {
    }

    public static Report compute(List<KpiFacts> all, Query query) {
        Instant from = query.from() == null ? null : query.from().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant to = query.to() == null ? null : query.to().atStartOfDay(ZoneOffset.UTC).toInstant();
        List<PostMortemKpis> inPeriod = all.stream()
                .filter(facts -> facts.createdAt != null)
                .filter(facts -> {
                    Instant anchor = anchor(facts);
                    return (from == null || !anchor.isBefore(from)) && (to == null || anchor.isBefore(to));
                })
                .map(facts -> perPostMortem(facts, query))
                .sorted(Comparator.comparing(PostMortemKpis::incidentStart).thenComparing(PostMortemKpis::id))
                .toList();
        List<Figures> groups = new ArrayList<>();
        if (query.groupBy() != null) {
            Map<String, List<PostMortemKpis>> byKey = new TreeMap<>();
            for (PostMortemKpis kpis : inPeriod) {
                for (String key : keys(kpis, query.groupBy())) {
                    byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(kpis);
                }
            }
            byKey.forEach((key, members) -> groups.add(figures(key, members)));
        }
        return new Report(query.from(), query.to(), query.groupBy(), query.measureFrom(), figures(ALL, inPeriod), groups,
                query.details() ? inPeriod : null);
    }

    private static Instant anchor(KpiFacts facts) {
        return facts.times.getOrDefault("start", facts.createdAt);
    }

    private static List<String> keys(PostMortemKpis kpis, String groupBy) {
        switch (groupBy) {
            case "month":
                return List.of(MONTH.format(kpis.incidentStart()));
            case "severity":
                return List.of(kpis.severity() == null ? NONE : kpis.severity());
            case "tag":
                return kpis.tags().isEmpty() ? List.of(NONE) : kpis.tags();
            default:
                throw new IllegalArgumentException("no grouping " + groupBy);
        }
    }

    static PostMortemKpis perPostMortem(KpiFacts facts, Query query) {
        Instant measuredFrom = facts.times.get(query.measureFrom());
        Instant end = facts.times.get("end");
        int counted = 0;
        int planned = 0;
        int completed = 0;
        int overdue = 0;
        for (KpiFacts.Countermeasure c : facts.countermeasures) {
            if ("DECLINED".equals(c.status)) {
                continue;
            }
            counted++;
            if (c.owner != null && c.targetDate != null) {
                planned++;
            }
            if ("COMPLETED".equals(c.status)) {
                completed++;
            } else if (c.targetDate != null && c.targetDate.isBefore(query.today())) {
                overdue++;
            }
        }
        return new PostMortemKpis(facts.id, facts.title, facts.severity, List.copyOf(facts.tags), anchor(facts),
                seconds(measuredFrom, facts.times.get("detect")), seconds(measuredFrom, end),
                seconds(end, facts.meetingAt), seconds(end, facts.publishedAt),
                counted, planned, completed, overdue, facts.severityRegrades);
    }

    private static Long seconds(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toSeconds();
    }

    static Figures figures(String key, List<PostMortemKpis> members) {
        int total = members.stream().mapToInt(PostMortemKpis::countermeasures).sum();
        int planned = members.stream().mapToInt(PostMortemKpis::countermeasuresWithOwnerAndTargetDate).sum();
        int completed = members.stream().mapToInt(PostMortemKpis::countermeasuresCompleted).sum();
        int overdue = members.stream().mapToInt(PostMortemKpis::countermeasuresOverdue).sum();
        int regrades = members.stream().mapToInt(PostMortemKpis::severityRegrades).sum();
        int regraded = (int) members.stream().filter(kpis -> kpis.severityRegrades() > 0).count();
        return new Figures(key, members.size(),
                stats(members, PostMortemKpis::timeToDetectSeconds), stats(members, PostMortemKpis::timeToResolveSeconds),
                stats(members, PostMortemKpis::timeToMeetingSeconds), stats(members, PostMortemKpis::timeToPublicationSeconds),
                new CountermeasureFigures(total, planned, share(planned, total), completed, share(completed, total), overdue),
                new RegradeFigures(regrades, regraded, share(regraded, members.size())));
    }

    private static DurationStats stats(List<PostMortemKpis> members, Function<PostMortemKpis, Long> figure) {
        List<Long> values = members.stream().map(figure).filter(Objects::nonNull).sorted().toList();
        if (values.isEmpty()) {
            return new DurationStats(0, null, null, null, null, null, null);
        }
        long sum = values.stream().mapToLong(Long::longValue).sum();
        long mean = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(values.size()), 0, RoundingMode.HALF_UP).longValueExact();
        int middle = values.size() / 2;
        long median = values.size() % 2 == 1 ? values.get(middle)
                : BigDecimal.valueOf(values.get(middle - 1) + values.get(middle)).divide(BigDecimal.valueOf(2), 0, RoundingMode.HALF_UP).longValueExact();
        long max = values.get(values.size() - 1);
        return new DurationStats(values.size(), mean, median, max, iso(mean), iso(median), iso(max));
    }

    private static String iso(long seconds) {
        return Duration.ofSeconds(seconds).toString();
    }

    private static Double share(int part, int whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).doubleValue();
    }
}
