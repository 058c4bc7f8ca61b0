package dev.postmortem.query.language;

import dev.postmortem.kit.language.BlamelessLanguage.Finding;
import dev.postmortem.query.postmortem.PostMortemQueries;
import dev.postmortem.query.postmortem.PostMortemView;
import dev.postmortem.query.web.QueryProblems;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** What a post-mortem, as it stands now, still says that blameless writing avoids: for a reviewer before publishing. */
@RestController
class LanguageQueryController {

    private final PostMortemQueries queries;
    private final ViewLanguage language;

    LanguageQueryController(PostMortemQueries queries, ViewLanguage language) {
        this.queries = queries;
        this.language = language;
    }

    @GetMapping("/api/postmortems/{id}/language")
    ResponseEntity<LanguageReport> language(@PathVariable String id) {
        PostMortemView view = queries.view(id).orElseThrow(() -> QueryProblems.postMortemNotFound(id));
        return ResponseEntity.ok().eTag("\"" + view.version + "\"")
                             .body(new LanguageReport(view.id, view.version, language.findings(view)));
    }

    /** The findings of one version of a post-mortem. */
    record LanguageReport(String postMortemId, long version, List<Finding> findings) {
    }
}
