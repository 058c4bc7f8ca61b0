package dev.postmortem.web.fivewhys;

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

import static dev.postmortem.web.pages.Edits.text;

/** The 5 whys' forms: a step answered or removed (the last only), and the root cause they lead to. */
@Controller
class FiveWhysController {

    private final Edits edits;

    FiveWhysController(Edits edits) {
        this.edits = edits;
    }

    @PostMapping("/postmortems/{id}/whys/{step}")
    String why(@PathVariable String id, @PathVariable int step, @RequestParam MultiValueMap<String, String> form,
               RedirectAttributes redirect, Model model) {
        return edits.edit(id, "whys", form, redirect, model, version -> edits.write(HttpMethod.PUT, id, "/five-whys/" + step, Map.of(
                "question", text(form, "question"), "answer", text(form, "answer")), version));
    }

    /** The last why only (the chain is kept whole). */
    @PostMapping("/postmortems/{id}/whys/{step}/remove")
    String removeWhy(@PathVariable String id, @PathVariable int step, @RequestParam MultiValueMap<String, String> form,
                     RedirectAttributes redirect, Model model) {
        return edits.edit(id, "whys", form, redirect, model, version -> edits.write(HttpMethod.DELETE, id, "/five-whys/" + step, null, version));
    }

    @PostMapping("/postmortems/{id}/root-cause")
    String rootCause(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edits.edit(id, "whys", form, redirect, model, version -> edits.write(HttpMethod.PUT, id, "/root-cause",
                Map.of("rootCause", text(form, "rootCause")), version));
    }
}
