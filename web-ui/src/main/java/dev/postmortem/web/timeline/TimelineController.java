package dev.postmortem.web.timeline;

import dev.postmortem.web.pages.Edits;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.postmortem.web.pages.Edits.instant;
import static dev.postmortem.web.pages.Edits.segment;
import static dev.postmortem.web.pages.Edits.text;

/** The timeline's forms: an entry added, corrected, withdrawn. */
@Controller
class TimelineController {

    private final Edits edits;

    TimelineController(Edits edits) {
        this.edits = edits;
    }

    @PostMapping("/postmortems/{id}/timeline")
    String addEntry(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edits.edit(id, "timeline", form, redirect, model, version -> edits.write(HttpMethod.POST, id, "/timeline", entry(form), version));
    }

    @PostMapping("/postmortems/{id}/timeline/{entryId}")
    String correctEntry(@PathVariable String id, @PathVariable String entryId, @RequestParam MultiValueMap<String, String> form,
                        RedirectAttributes redirect, Model model) {
        return edits.edit(id, "timeline", form, redirect, model, version -> edits.write(HttpMethod.PUT, id, "/timeline/" + segment(entryId),
                entry(form), version));
    }

    @PostMapping("/postmortems/{id}/timeline/{entryId}/withdraw")
    String withdrawEntry(@PathVariable String id, @PathVariable String entryId, @RequestParam MultiValueMap<String, String> form,
                         RedirectAttributes redirect, Model model) {
        return edits.edit(id, "timeline", form, redirect, model, version -> edits.write(HttpMethod.DELETE, id, "/timeline/" + segment(entryId),
                null, version));
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
}
