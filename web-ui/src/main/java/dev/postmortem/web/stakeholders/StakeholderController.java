package dev.postmortem.web.stakeholders;

import dev.postmortem.web.pages.Edits;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Map;

import static dev.postmortem.web.pages.Edits.segment;
import static dev.postmortem.web.pages.Edits.text;

/** The stakeholders' forms: a person added with their roles, their roles changed, removed. */
@Controller
class StakeholderController {

    private final Edits edits;

    StakeholderController(Edits edits) {
        this.edits = edits;
    }

    @PostMapping("/postmortems/{id}/stakeholders")
    String addStakeholder(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect,
                          Model model) {
        return edits.edit(id, "stakeholders", form, redirect, model, version -> edits.write(HttpMethod.POST, id, "/stakeholders", Map.of(
                "name", text(form, "name"), "roles", form.getOrDefault("roles", List.of())), version));
    }

    @PostMapping("/postmortems/{id}/stakeholders/{stakeholderId}/roles")
    String stakeholderRoles(@PathVariable String id, @PathVariable String stakeholderId, @RequestParam MultiValueMap<String, String> form,
                            RedirectAttributes redirect, Model model) {
        return edits.edit(id, "stakeholders", form, redirect, model, version -> edits.write(HttpMethod.PUT, id, "/stakeholders/" + segment(stakeholderId),
                Map.of("roles", form.getOrDefault("roles", List.of())), version));
    }

    @PostMapping("/postmortems/{id}/stakeholders/{stakeholderId}/remove")
    String removeStakeholder(@PathVariable String id, @PathVariable String stakeholderId, @RequestParam MultiValueMap<String, String> form,
                             RedirectAttributes redirect, Model model) {
        return edits.edit(id, "stakeholders", form, redirect, model, version -> edits.write(HttpMethod.DELETE, id,
                "/stakeholders/" + segment(stakeholderId), null, version));
    }
}
