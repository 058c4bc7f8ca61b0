package dev.postmortem.web.countermeasures;

import dev.postmortem.web.backend.BackendProblem;
import dev.postmortem.web.pages.Edits;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.Map;

import static dev.postmortem.web.pages.Edits.segment;
import static dev.postmortem.web.pages.Edits.text;

/** A post-mortem's countermeasures: proposed, assigned to an owner with a target date, started, completed, declined, revisited. */
@Controller
class CountermeasureController {

    private final Edits edits;

    CountermeasureController(Edits edits) {
        this.edits = edits;
    }

    @PostMapping("/postmortems/{id}/countermeasures")
    String propose(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edits.edit(id, "countermeasures", form, redirect, model, version -> edits.write(HttpMethod.POST, id, "/countermeasures", Map.of(
                "title", text(form, "title"), "description", text(form, "description"), "priority", text(form, "priority"),
                "type", text(form, "type")), version));
    }

    @PostMapping("/postmortems/{id}/countermeasures/{countermeasureId}/assignment")
    String assign(@PathVariable String id, @PathVariable String countermeasureId, @RequestParam MultiValueMap<String, String> form,
                  RedirectAttributes redirect, Model model) {
        return edits.edit(id, "countermeasures", form, redirect, model, version -> edits.write(HttpMethod.PUT, id,
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
        return edits.edit(id, "countermeasures", form, redirect, model, version -> edits.write(HttpMethod.POST, id,
                "/countermeasures/" + segment(countermeasureId) + "/" + step, body, version));
    }
}
