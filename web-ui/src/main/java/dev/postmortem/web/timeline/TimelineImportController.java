package dev.postmortem.web.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.web.backend.Backend;
import dev.postmortem.web.backend.BackendProblem;
import dev.postmortem.web.pages.Edits;
import dev.postmortem.web.pages.Pages;
import dev.postmortem.web.views.PostMortem;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.postmortem.web.pages.Edits.path;
import static dev.postmortem.web.pages.Edits.text;

/**
 * Bringing an incident's log into the timeline: the person uploads PagerDuty's {@code log_entries} JSON or a CSV, sees
 * every entry as it would be added (suggested ones ticked), picks and adjusts, and imports; nothing is stored before.
 */
@Controller
class TimelineImportController {

    static final String SECTION = "timeline-import";
    private final Backend backend;
    private final Edits edits;

    TimelineImportController(Backend backend, Edits edits) {
        this.backend = backend;
        this.edits = edits;
    }

    @PostMapping(path = "/postmortems/{id}/timeline/import/preview", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String preview(@PathVariable String id, @RequestParam(name = "log", required = false) MultipartFile log,
                   @RequestParam(defaultValue = "") String sourceName, Model model, RedirectAttributes redirect) {
        if (log == null || log.isEmpty()) {
            return refused(id, Map.of("log", "Choose the file of the incident's log: PagerDuty's log entries (.json) or a CSV."), redirect);
        }
        byte[] file;
        try {
            file = log.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean json = isJson(log.getOriginalFilename(), file);
        JsonNode preview;
        try {
            preview = backend.send("/api/timeline-imports/preview", file, json ? MediaType.APPLICATION_JSON : MediaType.parseMediaType("text/csv"));
        } catch (BackendProblem problem) {
            if (problem.status() >= 500 || problem.status() == 403) {
                throw problem;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put("log", problem.status() == 413 ? "The file is larger than the service takes (512 KB)." : problem.getMessage());
            return refused(id, errors, redirect);
        }
        PostMortem pm = backend.read(path(id), PostMortem.class);
        List<Map<String, Object>> items = new ArrayList<>();
        preview.path("items").forEach(item -> {
            Map<String, Object> row = new LinkedHashMap<>();
            item.fields().forEachRemaining(field -> row.put(field.getKey(), field.getValue().isBoolean() ? field.getValue().asBoolean()
                    : field.getValue().asText()));
            items.add(row);
        });
        model.addAttribute("pm", pm);
        model.addAttribute("items", items);
        model.addAttribute("source", preview.path("format").asText());
        model.addAttribute("sourceName", sourceName.isBlank() ? Pages.fileName(log.getOriginalFilename(), "") : sourceName.strip());
        model.addAttribute("suggested", preview.path("suggested").asInt());
        model.addAttribute("kinds", List.of("ACTION", "OBSERVATION", "INVESTIGATION_PATH", "RESOLUTION_STEP", "DETECTION", "USER_IMPACT"));
        Pages.title(model, "Import into the timeline: " + pm.title());
        return "timeline-import";
    }

    /** The picked rows of the preview (their {@code pick} boxes), as the person left them. */
    @PostMapping("/postmortems/{id}/timeline/import")
    String importPicked(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (String index : form.getOrDefault("pick", List.of())) {
            if (!index.matches("\\d{1,3}")) {
                continue;
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("occurredAt", text(form, "occurredAt." + index));
            entry.put("kind", text(form, "kind." + index));
            entry.put("description", text(form, "description." + index));
            entry.put("perspective", text(form, "perspective." + index));
            entry.put("sourceRef", text(form, "ref." + index));
            entries.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", text(form, "source"));
        body.put("sourceName", text(form, "sourceName"));
        body.put("entries", entries);
        String next = edits.edit(id, SECTION, form, redirect, model, version -> edits.write(HttpMethod.POST, id, "/timeline/import", body, version));
        // imported: to the timeline with its new entries in view; refused: back to the import form, which shows why
        return next.contains("?v=") ? next.replace("#" + SECTION, "#timeline") : next;
    }

    private static String refused(String id, Map<String, String> errors, RedirectAttributes redirect) {
        redirect.addFlashAttribute("errors", errors);
        redirect.addFlashAttribute("problem", String.join(" ", errors.values()));
        redirect.addFlashAttribute("failedSection", SECTION);
        redirect.addFlashAttribute("form", Map.of());
        return "redirect:/postmortems/" + id + "#" + SECTION;
    }

    /** JSON by its name, else by its first character; anything else is read as CSV. */
    static boolean isJson(String fileName, byte[] file) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return true;
        }
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return false;
        }
        int i = file.length >= 3 && (file[0] & 0xff) == 0xEF && (file[1] & 0xff) == 0xBB && (file[2] & 0xff) == 0xBF ? 3 : 0;
        while (i < file.length && Character.isWhitespace(file[i])) {
            i++;
        }
        return i < file.length && (file[i] == '{' || file[i] == '[');
    }
}
