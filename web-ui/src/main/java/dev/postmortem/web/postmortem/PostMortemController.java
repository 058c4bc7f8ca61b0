package dev.postmortem.web.postmortem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.web.backend.Backend;
import dev.postmortem.web.backend.BackendProblem;
import dev.postmortem.web.backend.BackendUnavailable;
import dev.postmortem.web.backend.Written;
import dev.postmortem.web.pages.Edits;
import dev.postmortem.web.pages.Pages;
import dev.postmortem.web.views.PostMortem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static dev.postmortem.web.pages.Edits.instant;
import static dev.postmortem.web.pages.Edits.local;
import static dev.postmortem.web.pages.Edits.path;
import static dev.postmortem.web.pages.Edits.segment;
import static dev.postmortem.web.pages.Edits.split;
import static dev.postmortem.web.pages.Edits.text;

/**
 * A post-mortem's page, laid out as the guide's template, and the changes to the whole of it: title, meeting, incident
 * times, severity, description, bug tickets, labels, lifecycle and restriction. The parts with their own forms
 * (timeline, stakeholders, 5 whys, countermeasures) have their own controllers; every change goes through {@link Edits}.
 */
@Controller
class PostMortemController {

    private static final Duration SCALE_KEPT = Duration.ofMinutes(1);

    private final Backend backend;
    private final Edits edits;
    private volatile SeverityScale scale;

    PostMortemController(Backend backend, Edits edits) {
        this.backend = backend;
        this.edits = edits;
    }

    @GetMapping("/postmortems/new")
    String newForm(Model model) {
        Pages.title(model, "New post-mortem");
        return "new";
    }

    @GetMapping("/postmortems/{id}")
    String page(@PathVariable String id, @RequestParam(name = "v", required = false) Long version, Model model) {
        PostMortem pm = backend.read(path(id) + (version == null ? "" : "?minVersion=" + version), PostMortem.class);
        model.addAttribute("pm", pm);
        model.addAttribute("severities", severities());
        model.addAttribute("kinds", List.of("ACTION", "OBSERVATION", "INVESTIGATION_PATH", "RESOLUTION_STEP", "DETECTION", "USER_IMPACT"));
        model.addAttribute("roles", List.of("INVOLVED_IN_DECISIONS", "IDENTIFIED", "RESPONDED", "DIAGNOSED", "AFFECTED", "INTERESTED"));
        model.addAttribute("timeline", timeline(pm));
        model.addAttribute("reviewing", reviewing(pm));
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        PostMortem.Verdict mine = person == null ? null : pm.review().verdictOf(person.getName());
        model.addAttribute("approvedByMe", mine != null && "APPROVED".equals(mine.verdict()));
        model.addAttribute("reviewSections", REVIEW_SECTIONS);
        model.addAttribute("times", times(pm));
        model.addAttribute("namedTimes", namedTimes(pm));
        model.addAttribute("bugTicketLines", String.join("\n", pm.bugTickets().stream()
                .map(ticket -> ticket.url() == null ? ticket.reference() : ticket.reference() + " " + ticket.url()).toList()));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Map.of());
        }
        Pages.title(model, pm.title());
        return "postmortem";
    }

    /**
     * Similar past incidents: the panel htmx fills in once the page is shown (the search behind it is the slowest
     * read of the page, so the page does not wait for it), or, without JavaScript, a page of its own.
     */
    @GetMapping("/postmortems/{id}/similar")
    String similar(@PathVariable String id, @RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        model.addAttribute("similar", similar(id));
        if (htmx != null) {
            return "similar :: list";
        }
        model.addAttribute("id", id);
        Pages.title(model, "Similar past incidents");
        return "similar";
    }

    /** The post-mortem as the template's Markdown, downloaded as a file. */
    @GetMapping("/postmortems/{id}/export.md")
    ResponseEntity<String> export(@PathVariable String id) {
        String markdown = backend.readText(path(id) + "/export.md", MediaType.parseMediaType("text/markdown"));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/markdown;charset=UTF-8"))
                             .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"postmortem-" + id + ".md\"").body(markdown);
    }

    @PostMapping("/postmortems")
    String create(@RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        try {
            Written created = backend.write(HttpMethod.POST, "/api/postmortems", Map.of("title", text(form, "title")), null);
            redirect.addFlashAttribute("warnings", created.warnings());
            return "redirect:/postmortems/" + created.id() + "?v=" + created.version();
        } catch (BackendProblem problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            model.addAttribute("errors", problem.fields());
            model.addAttribute("form", form.toSingleValueMap());
            Pages.title(model, "New post-mortem");
            return "new";
        }
    }

    @PostMapping("/postmortems/{id}/title")
    String title(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edits.edit(id, "meeting", form, redirect, model, version -> edits.write(HttpMethod.PUT, id, "/title", Map.of("title", text(form, "title")), version));
    }

    @PostMapping("/postmortems/{id}/meeting")
    String meeting(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edits.edit(id, "meeting", form, redirect, model, version -> edits.write(HttpMethod.PUT, id, "/meeting", Map.of(
                "meetingAt", instant(form, "meetingAt"), "contactPerson", text(form, "contactPerson"),
                "facilitatedBy", text(form, "facilitatedBy")), version));
    }

    /** Start, detect and end at once: each one changed is set, each one emptied is cleared, one write after another. */
    @PostMapping("/postmortems/{id}/times")
    String times(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edits.edit(id, "times", form, redirect, model, version -> {
            Map<String, String> known = backend.read(path(id) + (version == null ? "" : "?minVersion=" + version), PostMortem.class).times();
            Written last = null;
            Long expected = version;
            for (String name : List.of("start", "detect", "end")) {
                String value = text(form, name);
                Object current = known.get(name);
                if (value.isEmpty() && current != null) {
                    last = edits.write(HttpMethod.DELETE, id, "/times/" + name, null, expected);
                } else if (!value.isEmpty() && !instant(value, name).equals(current)) {
                    last = edits.write(HttpMethod.PUT, id, "/times/" + name, Map.of("at", instant(value, name)), expected);
                }
                expected = last == null ? expected : Long.valueOf(last.version());
            }
            return last;
        });
    }

    /** Another named incident time (first user impact, mitigation, ...), set or corrected. */
    @PostMapping("/postmortems/{id}/named-times")
    String namedTime(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edits.edit(id, "times", form, redirect, model, version -> edits.write(HttpMethod.PUT, id, "/times/" + segment(text(form, "name").strip()),
                Map.of("at", instant(form, "at")), version));
    }

    @PostMapping("/postmortems/{id}/named-times/{name}/clear")
    String clearNamedTime(@PathVariable String id, @PathVariable String name, @RequestParam MultiValueMap<String, String> form,
                          RedirectAttributes redirect, Model model) {
        return edits.edit(id, "times", form, redirect, model, version -> edits.write(HttpMethod.DELETE, id, "/times/" + segment(name), null, version));
    }

    @PostMapping("/postmortems/{id}/severity")
    String severity(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edits.edit(id, "severity", form, redirect, model, version -> edits.write(HttpMethod.PUT, id, "/severity",
                Map.of("level", text(form, "level")), version));
    }

    @PostMapping("/postmortems/{id}/description")
    String description(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edits.edit(id, "description", form, redirect, model, version -> edits.write(HttpMethod.PUT, id, "/description", Map.of(
                "summary", text(form, "summary"), "remediation", text(form, "remediation"),
                "additionalInfo", text(form, "additionalInfo")), version));
    }

    /** The bug tickets, one a line: the reference, then the URL (optional). The list as a whole replaces the one before. */
    @PostMapping("/postmortems/{id}/bug-tickets")
    String bugTickets(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        List<Map<String, String>> tickets = new ArrayList<>();
        for (String line : text(form, "tickets").split("\n")) {
            String[] parts = line.strip().split("\\s+", 2);
            if (!parts[0].isEmpty()) {
                tickets.add(parts.length > 1 ? Map.of("reference", parts[0], "url", parts[1].strip()) : Map.of("reference", parts[0]));
            }
        }
        return edits.edit(id, "bug-tickets", form, redirect, model, version -> edits.write(HttpMethod.PUT, id, "/bug-tickets", Map.of("tickets", tickets),
                version));
    }

    /** The incident in the paging or incident tool: the tool, its id there and, optionally, its address. */
    @PostMapping("/postmortems/{id}/incident")
    String incident(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        Map<String, String> incident = new LinkedHashMap<>();
        incident.put("provider", text(form, "provider"));
        incident.put("incidentId", text(form, "incidentId"));
        if (!text(form, "url").isBlank()) {
            incident.put("url", text(form, "url"));
        }
        return edits.edit(id, "incident", form, redirect, model, version -> edits.write(HttpMethod.PUT, id, "/incident", incident, version));
    }

    @PostMapping("/postmortems/{id}/incident/remove")
    String removeIncident(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edits.edit(id, "incident", form, redirect, model, version -> edits.write(HttpMethod.DELETE, id, "/incident", null, version));
    }

    /** Tags, affected services and owning teams, each a comma-separated list; only the lists that changed are written. */
    @PostMapping("/postmortems/{id}/labels")
    String labels(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edits.edit(id, "labels", form, redirect, model, version -> {
            Written last = null;
            Long expected = version;
            for (String[] list : new String[][] {{"tags", "/tags", "tags"}, {"services", "/affected-services", "services"},
                    {"teams", "/owning-teams", "teams"}}) {
                last = edits.write(HttpMethod.PUT, id, list[1], Map.of(list[2], split(text(form, list[0]))), expected);
                expected = last.version();
            }
            return last;
        });
    }

    /** The sections a review comment can be about, as the page names them. */
    private static final Map<String, String> REVIEW_SECTIONS = sections();

    private static Map<String, String> sections() {
        Map<String, String> sections = new LinkedHashMap<>();
        sections.put("GENERAL", "The post-mortem as a whole");
        sections.put("SUMMARY", "Short summary");
        sections.put("INCIDENT_TIMES", "Incident times");
        sections.put("SEVERITY", "Severity");
        sections.put("STAKEHOLDERS", "Stakeholders");
        sections.put("TIMELINE", "Timeline");
        sections.put("FIVE_WHYS", "5 whys");
        sections.put("ROOT_CAUSE", "Root cause");
        sections.put("REMEDIATION", "Remediation");
        sections.put("COUNTERMEASURES", "Countermeasures");
        sections.put("ADDITIONAL_INFO", "Additional information");
        sections.put("CLASSIFICATION", "Tags, services and teams");
        return Collections.unmodifiableMap(sections);
    }

    /** Whether the person signed in may give a verdict: named (or in a named group), in review, and not its submitter. */
    private static boolean reviewing(PostMortem pm) {
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        if (person == null || !"IN_REVIEW".equals(pm.status()) || person.getName().equals(pm.review().submittedBy())) {
            return false;
        }
        Set<String> groups = person.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                                   .filter(authority -> authority.startsWith("GROUP_")).map(authority -> authority.substring(6))
                                   .collect(Collectors.toSet());
        return pm.review().reviewers().stream().anyMatch(reviewer -> "PERSON".equals(reviewer.kind())
                ? reviewer.name().equals(person.getName()) : groups.contains(reviewer.name()));
    }

    /** submit-for-review, publish, return-to-draft. A publication refused lists every unmet requirement, each a link. */
    @PostMapping("/postmortems/{id}/lifecycle/{action}")
    String lifecycle(@PathVariable String id, @PathVariable String action, @RequestParam MultiValueMap<String, String> form,
                     RedirectAttributes redirect, Model model) {
        if (!List.of("submit-for-review", "publish", "return-to-draft").contains(action)) {
            throw new BackendProblem(404, "not-found", "There is no such step.", Map.of(), null);
        }
        Object body = action.equals("submit-for-review")
                ? Map.of("reviewers", split(text(form, "reviewers")), "reviewerGroups", split(text(form, "reviewerGroups"))) : null;
        return edits.edit(id, "lifecycle", form, redirect, model, version -> edits.write(HttpMethod.POST, id, "/" + action, body, version));
    }

    @PostMapping("/postmortems/{id}/restriction")
    String restrict(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edits.edit(id, "restriction", form, redirect, model, version -> edits.write(HttpMethod.PUT, id, "/restriction", Map.of(
                "people", split(text(form, "people")), "groups", split(text(form, "groups"))), version));
    }

    @PostMapping("/postmortems/{id}/restriction/lift")
    String lift(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edits.edit(id, "restriction", form, redirect, model, version -> edits.write(HttpMethod.DELETE, id, "/restriction", null, version));
    }

    /** The severity scale: the command service's configuration, the same for everyone; read again after a minute. */
    private List<Map<String, Object>> severities() {
        SeverityScale cached = scale;
        if (cached != null && cached.readAt().plus(SCALE_KEPT).isAfter(Instant.now())) {
            return cached.levels();
        }
        List<Map<String, Object>> levels = readSeverities();
        scale = new SeverityScale(List.copyOf(levels), Instant.now());
        return levels;
    }

    private record SeverityScale(List<Map<String, Object>> levels, Instant readAt) {
    }

    private List<Map<String, Object>> readSeverities() {
        List<Map<String, Object>> levels = new ArrayList<>();
        JsonNode scale = backend.readCommands("/api/severities");
        scale.path("levels").forEach(level -> levels.add(Map.of("name", level.path("name").asText(), "definition",
                level.path("definition").asText())));
        if (levels.isEmpty() && scale.isArray()) {
            scale.forEach(level -> levels.add(Map.of("name", level.path("name").asText(), "definition", level.path("definition").asText())));
        }
        return levels;
    }

    /** The entries in time order, withdrawn ones last. */
    private static List<PostMortem.Entry> timeline(PostMortem pm) {
        List<PostMortem.Entry> entries = new ArrayList<>(pm.timeline());
        entries.sort(Comparator.comparing(PostMortem.Entry::withdrawn).thenComparing(PostMortem.Entry::occurredAt));
        return entries;
    }

    /** Incident times for the inputs, each as datetime-local in UTC. */
    private static Map<String, String> times(PostMortem pm) {
        Map<String, String> times = new LinkedHashMap<>();
        pm.times().forEach((name, at) -> times.put(name, local(at)));
        return times;
    }

    /** The incident times other than start, detect and end, by name, as local UTC text. */
    private static Map<String, String> namedTimes(PostMortem pm) {
        Map<String, String> named = new TreeMap<>();
        pm.times().forEach((name, at) -> {
            if (!List.of("start", "detect", "end").contains(name)) {
                named.put(name, local(at));
            }
        });
        return named;
    }

    private List<Object> similar(String id) {
        try {
            JsonNode hits = backend.read(path(id) + "/similar?size=5");
            List<Object> similar = new ArrayList<>();
            hits.forEach(hit -> similar.add(Map.of("id", hit.path("id").asText(), "title", hit.path("title").asText(""))));
            return similar;
        } catch (BackendProblem | BackendUnavailable searchAway) {
            return List.of();
        }
    }
}
