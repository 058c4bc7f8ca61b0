package dev.postmortem.web.audit;

import dev.postmortem.web.backend.Backend;
import dev.postmortem.web.backend.BackendProblem;
import dev.postmortem.web.backend.Uris;
import dev.postmortem.web.pages.Edits;
import dev.postmortem.web.pages.Pages;
import dev.postmortem.web.views.Lists;
import dev.postmortem.web.views.PostMortem;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;
import java.util.Map;

import static dev.postmortem.web.pages.Edits.path;

/**
 * What auditors ask: every change with who, when and why; how a post-mortem differs between any two versions; and
 * how it stood at any moment (folded from its events by the query service). All read-only, all bookmarkable.
 */
@Controller
class AuditController {

    private final Backend backend;

    AuditController(Backend backend) {
        this.backend = backend;
    }

    @GetMapping("/postmortems/{id}/history")
    String history(@PathVariable String id, @RequestParam(defaultValue = "0") int page, Model model) {
        PostMortem pm = backend.read(path(id), PostMortem.class);
        model.addAttribute("pm", pm);
        model.addAttribute("history", backend.read(path(id) + "/history?size=100&page=" + Math.max(0, page), Lists.HISTORY));
        Pages.title(model, "History of " + pm.title());
        return "history";
    }

    @GetMapping("/postmortems/{id}/diff")
    String diff(@PathVariable String id, @RequestParam(required = false) Long from, @RequestParam(required = false) Long to, Model model) {
        PostMortem pm = backend.read(path(id), PostMortem.class);
        long older = from == null ? Math.max(0, pm.version() - 1) : from;
        long newer = to == null ? pm.version() : to;
        if (older > newer) {
            long swap = older;
            older = newer;
            newer = swap;
        }
        model.addAttribute("pm", pm);
        model.addAttribute("from", older);
        model.addAttribute("to", newer);
        try {
            model.addAttribute("diff", backend.read(Uris.of(path(id) + "/diff", "from", older, "to", newer), Lists.Diff.class));
            model.addAttribute("errors", Map.of());
        } catch (BackendProblem problem) {
            if (problem.notFound() || problem.status() >= 500) {
                throw problem;
            }
            model.addAttribute("diff", new Lists.Diff(id, older, newer, List.of()));
            model.addAttribute("errors", problem.fields().isEmpty() ? Map.of("from", problem.getMessage()) : problem.fields());
        }
        Pages.title(model, "Versions " + older + " and " + newer + " of " + pm.title());
        return "diff";
    }

    /** {@code at}: a datetime-local (UTC) or an ISO instant. */
    @GetMapping("/postmortems/{id}/as-of")
    String asOf(@PathVariable String id, @RequestParam String at, Model model) {
        PostMortem current = backend.read(path(id), PostMortem.class);
        String instant = Edits.instant(at, "at");
        model.addAttribute("current", current);
        model.addAttribute("at", instant);
        try {
            model.addAttribute("pm", backend.read(Uris.of(path(id), "asOf", instant), PostMortem.class));
        } catch (BackendProblem problem) {
            if (problem.status() >= 500) {
                throw problem;
            }
            if (problem.notFound()) {
                // It is visible now (read above); then it did not exist yet, or was not open to this person.
                model.addAttribute("pm", null);
                Pages.title(model, current.title() + " as of " + instant);
                return "as-of";
            }
            model.addAttribute("pm", null);
            model.addAttribute("problem", problem.fields().getOrDefault("asOf", problem.getMessage()));
        }
        Pages.title(model, current.title() + " as of " + Edits.local(instant).replace('T', ' ') + " UTC");
        return "as-of";
    }

}
