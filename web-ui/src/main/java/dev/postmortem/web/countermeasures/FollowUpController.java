package dev.postmortem.web.countermeasures;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.postmortem.web.backend.Backend;
import dev.postmortem.web.backend.BackendProblem;
import dev.postmortem.web.backend.Uris;
import dev.postmortem.web.pages.Pages;
import dev.postmortem.web.views.Lists;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Countermeasures across the organisation — by owner, status, overdue, due for a revisit — and the follow-through
 * of each owner: what is open, overdue, completed, due for a revisit, declined. Only what the person may see.
 */
@Controller
class FollowUpController {

    static final int PAGE_SIZE = 50;
    static final List<String> STATUSES = List.of("PROPOSED", "ASSIGNED", "IN_PROGRESS", "COMPLETED", "DECLINED");
    private static final TypeReference<List<Lists.OwnerFollowThrough>> OWNERS = new TypeReference<>() { };

    private final Backend backend;

    FollowUpController(Backend backend) {
        this.backend = backend;
    }

    @GetMapping("/countermeasures")
    String countermeasures(@RequestParam(required = false) String owner, @RequestParam(required = false) String status,
                           @RequestParam(defaultValue = "false") boolean overdue, @RequestParam(defaultValue = "false") boolean revisitDue,
                           @RequestParam(defaultValue = "0") int page, Model model) {
        MultiValueMap<String, String> filters = new LinkedMultiValueMap<>();
        if (owner != null && !owner.isBlank()) {
            filters.add("owner", owner.strip());
        }
        if (status != null && STATUSES.contains(status)) {
            filters.add("status", status);
        }
        if (overdue) {
            filters.add("overdue", "true");
        }
        if (revisitDue) {
            filters.add("revisitDue", "true");
        }
        int current = Math.max(0, page);
        MultiValueMap<String, String> api = new LinkedMultiValueMap<>(filters);
        api.add("page", String.valueOf(current));
        api.add("size", String.valueOf(PAGE_SIZE));
        Lists.Page<Lists.CountermeasureItem> items;
        try {
            items = backend.read(Uris.of("/api/countermeasures", api), Lists.COUNTERMEASURES);
            model.addAttribute("errors", Map.of());
        } catch (BackendProblem problem) {
            if (problem.status() >= 500 || problem.status() == 404) {
                throw problem;
            }
            items = new Lists.Page<>(List.of(), 0, PAGE_SIZE, 0);
            model.addAttribute("errors", problem.fields().isEmpty() ? Map.of("owner", problem.getMessage()) : problem.fields());
        }
        model.addAttribute("items", items);
        model.addAttribute("owners", backend.read("/api/countermeasures/owners", OWNERS));
        model.addAttribute("filters", filters.toSingleValueMap());
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("today", LocalDate.now(ZoneOffset.UTC).toString());
        model.addAttribute("previous", current > 0 ? link(filters, current - 1) : null);
        model.addAttribute("next", items.total() > (long) (current + 1) * PAGE_SIZE ? link(filters, current + 1) : null);
        Pages.title(model, "Countermeasures");
        return "countermeasures";
    }

    private static String link(MultiValueMap<String, String> filters, int page) {
        MultiValueMap<String, String> next = new LinkedMultiValueMap<>(filters);
        next.set("page", String.valueOf(page));
        return Uris.of("/countermeasures", next);
    }
}
