package dev.postmortem.web.home;

import dev.postmortem.web.backend.Backend;
import dev.postmortem.web.backend.Uris;
import dev.postmortem.web.pages.Pages;
import dev.postmortem.web.views.Lists;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Home: what is waiting for the person — the post-mortems that wait for their review (naming them or one of their
 * groups, submitted by someone else, not yet approved by them), their drafts, the post-mortems in review (for
 * facilitators, who publish), what was published lately, their countermeasures (the earliest target date first, so overdue ones lead) and those
 * due for a revisit; and, to learn again from the past, the incidents of this week in earlier years.
 */
@Controller
class HomeController {

    private final Backend backend;

    HomeController(Backend backend) {
        this.backend = backend;
    }

    @GetMapping("/")
    String home(Model model, Authentication me) {
        String name = me.getName();
        model.addAttribute("awaitingReview", backend.read(Uris.of("/api/postmortems", "awaitingMyReview", true, "sort", "lastChangedAt,desc",
                "size", 20), Lists.SUMMARIES));
        model.addAttribute("drafts", backend.read(list("DRAFT", name, "lastChangedAt,desc", 20), Lists.SUMMARIES));
        model.addAttribute("inReview", backend.read(list("IN_REVIEW", null, "lastChangedAt,desc", 20), Lists.SUMMARIES));
        model.addAttribute("published", backend.read(list("PUBLISHED", null, "publishedAt,desc", 10), Lists.SUMMARIES));
        model.addAttribute("countermeasures", backend.read(Uris.of("/api/countermeasures", "owner", name, "size", 50), Lists.COUNTERMEASURES));
        model.addAttribute("revisits", backend.read(Uris.of("/api/countermeasures", "owner", name, "revisitDue", true, "size", 20),
                Lists.COUNTERMEASURES));
        model.addAttribute("today", LocalDate.now(ZoneOffset.UTC).toString());
        model.addAttribute("onThisDay", backend.read(Uris.of("/api/postmortems/on-this-day", "size", 5), Lists.OnThisDay.class));
        Pages.title(model, "Home");
        return "home";
    }

    private static String list(String status, String createdBy, String sort, int size) {
        return Uris.of("/api/postmortems", "status", status, "sort", sort, "size", size, "createdBy", createdBy);
    }
}
