package dev.postmortem.web.review;

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

import static dev.postmortem.web.pages.Edits.segment;
import static dev.postmortem.web.pages.Edits.text;

/**
 * The review's forms: a comment (a new thread about a section, a timeline entry or a countermeasure, or a reply in a
 * thread), resolving a thread, and a reviewer's verdict. Comments go without the page's version, since talking about
 * a post-mortem does not conflict with changing it; a verdict goes with it, so that a reviewer approves what they saw.
 */
@Controller
class ReviewController {

    private final Edits edits;

    ReviewController(Edits edits) {
        this.edits = edits;
    }

    /** {@code about} is a section (SUMMARY, …) or a part: {@code TIMELINE:<entry id>}, {@code COUNTERMEASURES:<id>}. */
    @PostMapping("/postmortems/{id}/review/comments")
    String comment(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        Map<String, Object> body = new LinkedHashMap<>();
        String replyTo = text(form, "replyTo").strip();
        if (replyTo.isEmpty()) {
            String about = text(form, "about");
            int part = about.indexOf(':');
            body.put("section", part < 0 ? about : about.substring(0, part));
            if (part >= 0) {
                body.put("partId", about.substring(part + 1));
            }
        } else {
            body.put("replyTo", replyTo);
        }
        body.put("text", text(form, "text"));
        return edits.edit(id, "review", form, redirect, model, version -> edits.write(HttpMethod.POST, id, "/review/comments", body, version));
    }

    @PostMapping("/postmortems/{id}/review/comments/{commentId}/resolve")
    String resolve(@PathVariable String id, @PathVariable String commentId, @RequestParam MultiValueMap<String, String> form,
                   RedirectAttributes redirect, Model model) {
        return edits.edit(id, "review", form, redirect, model, version -> edits.write(HttpMethod.POST, id,
                "/review/comments/" + segment(commentId) + "/resolve", null, version));
    }

    @PostMapping("/postmortems/{id}/review/approve")
    String approve(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect, Model model) {
        return edits.edit(id, "review", form, redirect, model, version -> edits.write(HttpMethod.POST, id, "/review/approve",
                Map.of("note", text(form, "note")), version));
    }

    @PostMapping("/postmortems/{id}/review/request-changes")
    String requestChanges(@PathVariable String id, @RequestParam MultiValueMap<String, String> form, RedirectAttributes redirect,
                          Model model) {
        return edits.edit(id, "review", form, redirect, model, version -> edits.write(HttpMethod.POST, id, "/review/request-changes",
                Map.of("note", text(form, "note")), version));
    }
}
