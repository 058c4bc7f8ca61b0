package dev.postmortem.web.language;

import dev.postmortem.kit.language.BlamelessLanguage.Finding;
import dev.postmortem.kit.language.LanguageCheck;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/**
 * The blameless-language check as the author writes (htmx posts the field a moment after each pause): the same check
 * the services run on every write (the same {@code postmortem.language.*} settings), here on text not saved yet. Only
 * points out; nothing is refused.
 */
@Controller
class LanguageController {

    private static final int MAX_CHECKED = 60_000;

    private final LanguageCheck language;

    LanguageController(LanguageCheck language) {
        this.language = language;
    }

    @PostMapping("/language")
    String check(@RequestParam MultiValueMap<String, String> form, Model model) {
        String field = form.getFirst("check");
        String text = field == null ? null : form.getFirst(field);
        List<Finding> findings = text == null || text.length() > MAX_CHECKED ? List.of()
                : "additionalInfo".equals(field) ? language.checkAdditionalInfo(field, text) : language.check(field, text);
        model.addAttribute("findings", findings);
        return "language :: warnings";
    }
}
