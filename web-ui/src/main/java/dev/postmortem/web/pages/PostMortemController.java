package dev.postmortem.web.pages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.web.backend.Backend;
import dev.postmortem.web.backend.BackendProblem;
import dev.postmortem.web.backend.BackendUnavailable;
import dev.postmortem.web.backend.Written;
import dev.postmortem.web.views.Lists;
import dev.postmortem.web.views.PostMortem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A post-mortem's page, laid out as the guide's template, and every change made on it. Each form carries the version
 * the page was rendered from; the change is sent with it as {@code If-Match}, and the page that follows waits for
 * that change ({@code minVersion}), so the person always sees their own writing. A refusal comes back to the page with
 * the message at the field it names and the text as they wrote it; a change someone else made meanwhile gets the
 * conflict page, with their text kept.
 */
@Controller
class PostMortemController {

    static final com.fasterxml.jackson.core.type.TypeReference<Lists.Page<Lists.HistoryEntry>> HISTORY =
            new com.fasterxml.jackson.core.type.TypeReference<>() { };

    /** What the page calls each form field, for the conflict page's copy of the person's text. */
    static final Map<String, String> LABELS = Map.ofEntries(Map.entry("title", "Title"), Map.entry("summary", "Short summary"),
            Map.entry("remediation", "Remediation"), Map.entry("additionalInfo", "Additional info"), Map.entry("rootCause", "Root cause"),
            Map.entry("description", "What was done or seen"), Map.entry("effect", "Effect"), Map.entry("perspective", "Whose account"),
            Map.entry("occurredAt", "Time (UTC)"), Map.entry("kind", "Kind"), Map.entry("question", "Question"), Map.entry("answer", "Answer"),
            Map.entry("name", "Name"), Map.entry("owner", "Owner"), Map.entry("targetDate", "Target date"), Map.entry("note", "Note"),
            Map.entry("reason", "Reason"), Map.entry("tags", "Tags"), Map.entry("services", "Affected services"),
            Map.entry("teams", "Owning teams"), Map.entry("people", "People"), Map.entry("groups", "Groups"), Map.entry("level", "Severity"),
            Map.entry("meetingAt", "Meeting (UTC)"), Map.entry("contactPerson", "Contact person"), Map.entry("facilitatedBy", "Facilitated by"),
            Map.entry("start", "Start (UTC)"), Map.entry("detect", "Detect (UTC)"), Map.entry("end", "End (UTC)"),
            Map.entry("priority", "Priority"), Map.entry("type", "Type"), Map.entry("verdict", "Verdict"));

    private static final Duration SCALE_KEPT = Duration.ofMinutes(1);

    private final Backend backend;
    private volatile SeverityScale scale;

    PostMortemController(Backend backend) {
        this.backend = backend;
    }

    // ---- reading ------------------------------------------------------------------------------------------------

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

    @GetMapping("/postmortems/{id}/history")
    String history(@PathVariable String id, @RequestParam(defaultValue = "0") int page, Model model) {
        PostMortem pm = backend.read(path(id), PostMortem.class);
        model.addAttribute("pm", pm);
        model.addAttribute("history", backend.read(path(id) + "/history?size=100&page=" + Math.max(0, page), HISTORY));
        Pages.title(model, "History of " + pm.title());
        return "history";
    }

    // ---- writing ------------------------------------------------------------------------------------------------

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
        return edit(id, "meeting", form, redirect, model, version -> write(HttpMethod.PUT, id, "/title", Map.of("title", text(form, "title")), version));
    }

    @PostMapping("/postmortems/{id}/meeting")
    String meeting(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edit(id, "meeting", form, redirect, model, version -> write(HttpMethod.PUT, id, "/meeting", Map.of(
                "meetingAt", instant(form, "meetingAt"), "contactPerson", text(form, "contactPerson"),
                "facilitatedBy", text(form, "facilitatedBy")), version));
    }

    /** Start, detect and end at once: each one changed is set, each one emptied is cleared, one write after another. */
    @PostMapping("/postmortems/{id}/times")
    String times(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edit(id, "times", form, redirect, model, version -> {
            Map<String, String> known = backend.read(path(id) + (version == null ? "" : "?minVersion=" + version), PostMortem.class).times();
            Written last = null;
            Long expected = version;
            for (String name : List.of("start", "detect", "end")) {
                String value = text(form, name);
                Object current = known.get(name);
                if (value.isEmpty() && current != null) {
                    last = write(HttpMethod.DELETE, id, "/times/" + name, null, expected);
                } else if (!value.isEmpty() && !instant(value, name).equals(current)) {
                    last = write(HttpMethod.PUT, id, "/times/" + name, Map.of("at", instant(value, name)), expected);
                }
                expected = last == null ? expected : Long.valueOf(last.version());
            }
            return last;
        });
    }

    @PostMapping("/postmortems/{id}/severity")
    String severity(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edit(id, "severity", form, redirect, model, version -> write(HttpMethod.PUT, id, "/severity",
                Map.of("level", text(form, "level")), version));
    }

    @PostMapping("/postmortems/{id}/description")
    String description(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edit(id, "description", form, redirect, model, version -> write(HttpMethod.PUT, id, "/description", Map.of(
                "summary", text(form, "summary"), "remediation", text(form, "remediation"),
                "additionalInfo", text(form, "additionalInfo")), version));
    }

    @PostMapping("/postmortems/{id}/root-cause")
    String rootCause(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edit(id, "whys", form, redirect, model, version -> write(HttpMethod.PUT, id, "/root-cause",
                Map.of("rootCause", text(form, "rootCause")), version));
    }

    @PostMapping("/postmortems/{id}/whys/{step}")
    String why(@PathVariable String id, @PathVariable int step, @RequestParam MultiValueMap<String, String> form,
               RedirectAttributes redirect, Model model) {
        return edit(id, "whys", form, redirect, model, version -> write(HttpMethod.PUT, id, "/five-whys/" + step, Map.of(
                "question", text(form, "question"), "answer", text(form, "answer")), version));
    }

    @PostMapping("/postmortems/{id}/timeline")
    String addEntry(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edit(id, "timeline", form, redirect, model, version -> write(HttpMethod.POST, id, "/timeline", entry(form), version));
    }

    @PostMapping("/postmortems/{id}/timeline/{entryId}")
    String correctEntry(@PathVariable String id, @PathVariable String entryId, @RequestParam MultiValueMap<String, String> form,
                        RedirectAttributes redirect, Model model) {
        return edit(id, "timeline", form, redirect, model, version -> write(HttpMethod.PUT, id, "/timeline/" + segment(entryId),
                entry(form), version));
    }

    @PostMapping("/postmortems/{id}/timeline/{entryId}/withdraw")
    String withdrawEntry(@PathVariable String id, @PathVariable String entryId, @RequestParam MultiValueMap<String, String> form,
                         RedirectAttributes redirect, Model model) {
        return edit(id, "timeline", form, redirect, model, version -> write(HttpMethod.DELETE, id, "/timeline/" + segment(entryId),
                null, version));
    }

    @PostMapping("/postmortems/{id}/stakeholders")
    String addStakeholder(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect,
                          Model model) {
        return edit(id, "stakeholders", form, redirect, model, version -> write(HttpMethod.POST, id, "/stakeholders", Map.of(
                "name", text(form, "name"), "roles", form.getOrDefault("roles", List.of())), version));
    }

    @PostMapping("/postmortems/{id}/stakeholders/{stakeholderId}/remove")
    String removeStakeholder(@PathVariable String id, @PathVariable String stakeholderId, @RequestParam MultiValueMap<String, String> form,
                             RedirectAttributes redirect, Model model) {
        return edit(id, "stakeholders", form, redirect, model, version -> write(HttpMethod.DELETE, id,
                "/stakeholders/" + segment(stakeholderId), null, version));
    }

    /** Another named incident time (first user impact, mitigation, ...), set or corrected. */
    @PostMapping("/postmortems/{id}/named-times")
    String namedTime(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edit(id, "times", form, redirect, model, version -> write(HttpMethod.PUT, id, "/times/" + segment(text(form, "name").strip()),
                Map.of("at", instant(form, "at")), version));
    }

    @PostMapping("/postmortems/{id}/named-times/{name}/clear")
    String clearNamedTime(@PathVariable String id, @PathVariable String name, @RequestParam MultiValueMap<String, String> form,
                          RedirectAttributes redirect, Model model) {
        return edit(id, "times", form, redirect, model, version -> write(HttpMethod.DELETE, id, "/times/" + segment(name), null, version));
    }

    @PostMapping("/postmortems/{id}/stakeholders/{stakeholderId}/roles")
    String stakeholderRoles(@PathVariable String id, @PathVariable String stakeholderId, @RequestParam MultiValueMap<String, String> form,
                            RedirectAttributes redirect, Model model) {
        return edit(id, "stakeholders", form, redirect, model, version -> write(HttpMethod.PUT, id, "/stakeholders/" + segment(stakeholderId),
                Map.of("roles", form.getOrDefault("roles", List.of())), version));
    }

    /** The last why only (the chain is kept whole). */
    @PostMapping("/postmortems/{id}/whys/{step}/remove")
    String removeWhy(@PathVariable String id, @PathVariable int step, @RequestParam MultiValueMap<String, String> form,
                     RedirectAttributes redirect, Model model) {
        return edit(id, "whys", form, redirect, model, version -> write(HttpMethod.DELETE, id, "/five-whys/" + step, null, version));
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
        return edit(id, "bug-tickets", form, redirect, model, version -> write(HttpMethod.PUT, id, "/bug-tickets", Map.of("tickets", tickets),
                version));
    }

    /** Tags, affected services and owning teams, each a comma-separated list; only the lists that changed are written. */
    @PostMapping("/postmortems/{id}/labels")
    String labels(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edit(id, "labels", form, redirect, model, version -> {
            Written last = null;
            Long expected = version;
            for (String[] list : new String[][] {{"tags", "/tags", "tags"}, {"services", "/affected-services", "services"},
                    {"teams", "/owning-teams", "teams"}}) {
                last = write(HttpMethod.PUT, id, list[1], Map.of(list[2], split(text(form, list[0]))), expected);
                expected = last.version();
            }
            return last;
        });
    }

    @PostMapping("/postmortems/{id}/countermeasures")
    String propose(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edit(id, "countermeasures", form, redirect, model, version -> write(HttpMethod.POST, id, "/countermeasures", Map.of(
                "title", text(form, "title"), "description", text(form, "description"), "priority", text(form, "priority"),
                "type", text(form, "type")), version));
    }

    @PostMapping("/postmortems/{id}/countermeasures/{countermeasureId}/assignment")
    String assign(@PathVariable String id, @PathVariable String countermeasureId, @RequestParam MultiValueMap<String, String> form,
                  RedirectAttributes redirect, Model model) {
        return edit(id, "countermeasures", form, redirect, model, version -> write(HttpMethod.PUT, id,
                "/countermeasures/" + segment(countermeasureId) + "/assignment",
                Map.of("owner", text(form, "owner"), "targetDate", text(form, "targetDate")), version));
    }

    /** start, complete (with a note), decline (with a reason), revisit (with a verdict and a note). */
    @PostMapping("/postmortems/{id}/countermeasures/{countermeasureId}/{step}")
    String step(@PathVariable String id, @PathVariable String countermeasureId, @PathVariable String step,
                @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        Map<String, Object> body = switch (step) {
            case "start" -> null;
            case "complete" -> Map.of("note", text(form, "note"));
            case "decline" -> Map.of("reason", text(form, "reason"));
            case "revisit" -> Map.of("verdict", text(form, "verdict"), "note", text(form, "note"));
            default -> throw new BackendProblem(404, "not-found", "There is no such step.", Map.of(), null);
        };
        return edit(id, "countermeasures", form, redirect, model, version -> write(HttpMethod.POST, id,
                "/countermeasures/" + segment(countermeasureId) + "/" + step, body, version));
    }

    /** submit-for-review, publish, return-to-draft. A publication refused lists every unmet requirement, each a link. */
    @PostMapping("/postmortems/{id}/lifecycle/{action}")
    String lifecycle(@PathVariable String id, @PathVariable String action, @RequestParam MultiValueMap<String, String> form,
                     RedirectAttributes redirect, Model model) {
        if (!List.of("submit-for-review", "publish", "return-to-draft").contains(action)) {
            throw new BackendProblem(404, "not-found", "There is no such step.", Map.of(), null);
        }
        return edit(id, "lifecycle", form, redirect, model, version -> write(HttpMethod.POST, id, "/" + action, null, version));
    }

    @PostMapping("/postmortems/{id}/restriction")
    String restrict(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edit(id, "restriction", form, redirect, model, version -> write(HttpMethod.PUT, id, "/restriction", Map.of(
                "people", split(text(form, "people")), "groups", split(text(form, "groups"))), version));
    }

    @PostMapping("/postmortems/{id}/restriction/lift")
    String lift(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edit(id, "restriction", form, redirect, model, version -> write(HttpMethod.DELETE, id, "/restriction", null, version));
    }

    // ---- how a change is made -----------------------------------------------------------------------------------

    /**
     * Runs a change with the version the form was rendered from. Success: back to the page at the new version, the
     * section in view, with the language warnings. A field refused: back with the message at the field and the text
     * kept. Someone else's change meanwhile (412): the conflict page.
     */
    private String edit(String id, String section, MultiValueMap<String, String> form, RedirectAttributes redirect, Model model,
                        Function<Long, Written> change) {
        Long version = versionOf(form);
        try {
            Written written = change.apply(version);
            if (written != null) {
                redirect.addFlashAttribute("warnings", written.warnings());
                redirect.addFlashAttribute("saved", section);
                return "redirect:/postmortems/" + id + "?v=" + written.version() + "#" + section;
            }
            return "redirect:/postmortems/" + id + "#" + section;
        } catch (BackendProblem problem) {
            if (problem.staleVersion()) {
                return conflict(id, section, form, version, problem, model);
            }
            if (problem.notFound() && problem.fields().containsKey("id") || problem.status() >= 500 || problem.status() == 403) {
                throw problem;
            }
            redirect.addFlashAttribute("errors", errors(problem));
            redirect.addFlashAttribute("problem", problem.getMessage());
            redirect.addFlashAttribute("form", form.toSingleValueMap());
            redirect.addFlashAttribute("failedSection", section);
            return "redirect:/postmortems/" + id + "#" + section;
        }
    }

    private String conflict(String id, String section, MultiValueMap<String, String> form, Long version, BackendProblem problem,
                            Model model) {
        PostMortem pm = backend.read(path(id) + (problem.currentVersion() == null ? "" : "?minVersion=" + problem.currentVersion()),
                PostMortem.class);
        long since = version == null ? 0 : version + 1;
        List<Lists.HistoryEntry> changes = backend.read(path(id) + "/history?size=1000", HISTORY).items().stream()
                                                  .filter(entry -> entry.version() >= since).toList();
        model.addAttribute("pm", pm);
        model.addAttribute("section", section);
        model.addAttribute("submitted", form.toSingleValueMap());
        model.addAttribute("labels", LABELS);
        model.addAttribute("action", ServletUriComponentsBuilder.fromCurrentRequestUri().build().getPath());
        model.addAttribute("changes", changes);
        model.addAttribute("currentVersion", problem.currentVersion() != null ? problem.currentVersion() : pm.version());
        Pages.title(model, "Changed meanwhile: " + pm.title());
        return "conflict";
    }

    /** The service's field names, as the page's inputs are named (a few differ: "at" is the time input's). */
    private static Map<String, String> errors(BackendProblem problem) {
        Map<String, String> errors = new LinkedHashMap<>(problem.fields());
        if (errors.isEmpty()) {
            errors.put("", problem.getMessage());
        }
        return errors;
    }

    private Written write(HttpMethod method, String id, String subPath, Object body, Long version) {
        return backend.write(method, path(id) + subPath, body, version);
    }

    private static String path(String id) {
        return "/api/postmortems/" + segment(id);
    }

    private static String segment(String value) {
        return UriUtils.encodePathSegment(value, StandardCharsets.UTF_8);
    }

    private static Long versionOf(MultiValueMap<String, String> form) {
        String version = form.getFirst("version");
        try {
            return version == null || version.isBlank() ? null : Long.parseLong(version.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value.replace("\r\n", "\n");
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    private static Map<String, Object> entry(MultiValueMap<String, String> form) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("occurredAt", instant(form, "occurredAt"));
        entry.put("kind", text(form, "kind"));
        entry.put("description", text(form, "description"));
        entry.put("effect", text(form, "effect"));
        entry.put("perspective", text(form, "perspective"));
        return entry;
    }

    /** A {@code datetime-local} input (read as UTC) as an ISO instant; what does not parse goes as it is, for the service to name. */
    private static String instant(MultiValueMap<String, String> form, String field) {
        return instant(text(form, field), field);
    }

    static String instant(String value, String field) {
        String trimmed = value.strip();
        try {
            return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException notLocal) {
            try {
                return Instant.parse(trimmed).toString();
            } catch (DateTimeParseException notInstant) {
                return trimmed;
            }
        }
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

    static String local(String instant) {
        try {
            return LocalDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return instant;
        }
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
