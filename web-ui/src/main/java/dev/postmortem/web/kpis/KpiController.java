package dev.postmortem.web.kpis;

import dev.postmortem.web.backend.Backend;
import dev.postmortem.web.backend.BackendProblem;
import dev.postmortem.web.backend.Uris;
import dev.postmortem.web.pages.Pages;
import dev.postmortem.web.views.Lists;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The KPIs over a period, grouped by month, severity or tag: times to detect, resolve, meet and publish, and how
 * countermeasures are followed through — as bar charts drawn on the server (SVG, no script) with the table beside
 * them. The last twelve months by month unless asked otherwise. Only from the post-mortems the person may see.
 */
@Controller
class KpiController {

    static final List<String> GROUPINGS = List.of("month", "severity", "tag");

    private final Backend backend;

    KpiController(Backend backend) {
        this.backend = backend;
    }

    /** One bar: its label, its length in the chart's units (0–{@link Chart#WIDTH}), the figure as text. */
    public record Bar(String label, double length, String text, int y) {
    }

    public record Chart(String id, String title, String note, List<Bar> bars) {
        static final int WIDTH = 360;
        static final int ROW = 28;

        public int height() {
            return Math.max(1, bars.size()) * ROW + 4;
        }
    }

    @GetMapping("/kpis")
    String kpis(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(defaultValue = "month") String groupBy, @RequestParam(defaultValue = "start") String measureFrom, Model model) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate start = date(from, today.withDayOfMonth(1).minusMonths(11));
        LocalDate end = date(to, today.withDayOfMonth(1).plusMonths(1));
        String grouping = GROUPINGS.contains(groupBy) ? groupBy : "month";
        model.addAttribute("from", start.toString());
        model.addAttribute("to", end.toString());
        model.addAttribute("groupBy", grouping);
        model.addAttribute("measureFrom", measureFrom);
        model.addAttribute("groupings", GROUPINGS);
        Lists.KpiReport report = null;
        try {
            report = backend.read(Uris.of("/api/kpis", "from", start, "to", end, "groupBy", grouping, "measureFrom", measureFrom),
                    Lists.KpiReport.class);
            model.addAttribute("errors", Map.of());
        } catch (BackendProblem problem) {
            if (problem.status() >= 500 || problem.status() == 404) {
                throw problem;
            }
            model.addAttribute("errors", problem.fields().isEmpty() ? Map.of("from", problem.getMessage()) : problem.fields());
        }
        model.addAttribute("report", report);
        model.addAttribute("charts", report == null ? List.of() : charts(report.groups()));
        Pages.title(model, "KPIs");
        return "kpis";
    }

    private static List<Chart> charts(List<Lists.KpiFigures> groups) {
        return List.of(
                durations("detect", "Time to detect", "median, start to detection", groups, Lists.KpiFigures::timeToDetect),
                durations("resolve", "Time to resolve", "median, start to end (MTTR)", groups, Lists.KpiFigures::timeToResolve),
                durations("meeting", "Time to the meeting", "median, end to the post-mortem meeting", groups, Lists.KpiFigures::timeToMeeting),
                durations("publication", "Time to publication", "median, end to first publication", groups,
                        Lists.KpiFigures::timeToPublication),
                shares(groups));
    }

    private static Chart durations(String id, String title, String note, List<Lists.KpiFigures> groups,
                                   Function<Lists.KpiFigures, Lists.Durations> figure) {
        long longest = groups.stream().map(figure).map(Lists.Durations::medianSeconds).filter(Objects::nonNull)
                             .mapToLong(Long::longValue).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (Lists.KpiFigures group : groups) {
            Lists.Durations d = figure.apply(group);
            Long median = d == null ? null : d.medianSeconds();
            double length = median == null || longest <= 0 ? 0 : Math.max(1, Chart.WIDTH * (double) Math.max(0, median) / longest);
            bars.add(new Bar(group.key(), length, median == null ? "—" : d.median() + " (" + d.count() + ")", bars.size() * Chart.ROW));
        }
        return new Chart(id, title, note + "; in brackets how many post-mortems have it", bars);
    }

    private static Chart shares(List<Lists.KpiFigures> groups) {
        List<Bar> bars = new ArrayList<>();
        for (Lists.KpiFigures group : groups) {
            Lists.CountermeasureFigures c = group.countermeasures();
            Double rate = c == null ? null : c.completionRate();
            bars.add(new Bar(group.key(), rate == null ? 0 : Chart.WIDTH * rate,
                    rate == null ? "—" : Math.round(rate * 100) + " % of " + c.total(), bars.size() * Chart.ROW));
        }
        return new Chart("completion", "Countermeasures completed", "share of those proposed (declined ones not counted)", bars);
    }

    private static LocalDate date(String value, LocalDate fallback) {
        try {
            return value == null || value.isBlank() ? fallback : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }
}
