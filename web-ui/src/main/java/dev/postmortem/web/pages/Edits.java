package dev.postmortem.web.pages;

import dev.postmortem.web.backend.Backend;
import dev.postmortem.web.backend.BackendProblem;
import dev.postmortem.web.backend.Written;
import dev.postmortem.web.views.Lists;
import dev.postmortem.web.views.PostMortem;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How a change is made from a page. Each form carries the version the page was rendered from; the change is sent with
 * it as {@code If-Match}, and the page that follows waits for that change ({@code minVersion}), so the person always
 * sees their own writing. A refusal comes back to the page with the message at the field it names and the text as
 * they wrote it; a change someone else made meanwhile gets the conflict page, with their text kept.
 */
@Component
public class Edits {

    /** What the page calls each form field, for the conflict page's copy of the person's text. */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("title", "Title"), Map.entry("summary", "Short summary"),
            Map.entry("remediation", "Remediation"), Map.entry("additionalInfo", "Additional info"), Map.entry("rootCause", "Root cause"),
            Map.entry("description", "What was done or seen"), Map.entry("effect", "Effect"), Map.entry("perspective", "Whose account"),
            Map.entry("occurredAt", "Time (UTC)"), Map.entry("kind", "Kind"), Map.entry("question", "Question"), Map.entry("answer", "Answer"),
            Map.entry("name", "Name"), Map.entry("owner", "Owner"), Map.entry("targetDate", "Target date"), Map.entry("note", "Note"),
            Map.entry("reason", "Reason"), Map.entry("tags", "Tags"), Map.entry("services", "Affected services"),
            Map.entry("teams", "Owning teams"), Map.entry("people", "People"), Map.entry("groups", "Groups"), Map.entry("level", "Severity"),
            Map.entry("meetingAt", "Meeting (UTC)"), Map.entry("contactPerson", "Contact person"), Map.entry("facilitatedBy", "Facilitated by"),
            Map.entry("start", "Start (UTC)"), Map.entry("detect", "Detect (UTC)"), Map.entry("end", "End (UTC)"),
            Map.entry("priority", "Priority"), Map.entry("type", "Type"), Map.entry("verdict", "Verdict"));

    private final Backend backend;

    Edits(Backend backend) {
        this.backend = backend;
    }

    /**
     * Runs a change with the version the form was rendered from. Success: back to the page at the new version, the
     * section in view, with the language warnings. A field refused: back with the message at the field and the text
     * kept. Someone else's change meanwhile (412): the conflict page.
     */
    public String edit(String id, String section, MultiValueMap<String, String> form, RedirectAttributes redirect, Model model,
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
        List<Lists.HistoryEntry> changes = backend.read(path(id) + "/history?size=1000", Lists.HISTORY).items().stream()
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

    public Written write(HttpMethod method, String id, String subPath, Object body, Long version) {
        return backend.write(method, path(id) + subPath, body, version);
    }

    public static String path(String id) {
        return "/api/postmortems/" + segment(id);
    }

    public static String segment(String value) {
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

    public static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value.replace("\r\n", "\n");
    }

    public static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** A {@code datetime-local} input (read as UTC) as an ISO instant; what does not parse goes as it is, for the service to name. */
    public static String instant(MultiValueMap<String, String> form, String field) {
        return instant(text(form, field), field);
    }

    public static String instant(String value, String field) {
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

    public static String local(String instant) {
        try {
            return LocalDateTime.ofInstant(Instant.parse(instant), ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return instant;
        }
    }
}
