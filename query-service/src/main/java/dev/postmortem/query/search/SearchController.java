package dev.postmortem.query.search;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.postmortem.kit.problem.Problems;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Finding past incidents across the organisation, and incidents like a given one. */
@RestController
class SearchController {

    private static final Logger log = LoggerFactory.getLogger(SearchController.class);
    /** From/size paging stops here; deeper pages follow the {@code next} cursor (search_after). */
    static final int MAX_OFFSET = 1_000;

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    @GetMapping("/api/search")
    SearchService.Result search(@RequestParam(required = false) @Size(max = 500) String q,
                                @RequestParam(required = false) List<@Size(max = 100) String> tag,
                                @RequestParam(required = false) @Size(max = 50) String severity,
                                @RequestParam(required = false) @Size(max = 50) String status,
                                @RequestParam(required = false) @Size(max = 200) String owner,
                                @RequestParam(required = false) Instant from,
                                @RequestParam(required = false) Instant to,
                                @RequestParam(defaultValue = "relevance")
                                @Pattern(regexp = "relevance|incidentStart|lastChangedAt", message = "must be relevance, incidentStart or lastChangedAt")
                                String sort,
                                @RequestParam(defaultValue = "0") @Min(0) int page,
                                @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
                                @RequestParam(required = false) @Size(max = 1000) String after,
                                @RequestParam(defaultValue = "false") boolean explain) throws IOException {
        if (after == null && (page + 1L) * size > MAX_OFFSET) {
            return badPage();
        }
        List<String> tags = tag == null ? List.of() : tag.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).toList();
        return search.search(new SearchService.Criteria(q, tags, upper(severity), upper(status), owner, from, to, sort, page, size, after), explain);
    }

    @GetMapping("/api/postmortems/{id}/similar")
    List<SearchService.SearchHit> similar(@PathVariable String id, @RequestParam(defaultValue = "5") @Min(1) @Max(50) int size)
            throws IOException {
        if (!search.exists(id)) {
            throw new UnknownPostMortemException(id);
        }
        return search.similar(id, size);
    }

    private static SearchService.Result badPage() {
        throw new PageTooDeepException();
    }

    private static String upper(String value) {
        return value == null ? null : value.strip().toUpperCase(Locale.ROOT);
    }

    @ExceptionHandler(PageTooDeepException.class)
    ResponseEntity<Object> tooDeep(PageTooDeepException ex) {
        return Problems.of(HttpStatus.BAD_REQUEST, "validation-failed", "Invalid request",
                "page × size may reach " + MAX_OFFSET + " results at most; follow the 'next' cursor with 'after' to go deeper", "page");
    }

    @ExceptionHandler(SearchService.InvalidCursorException.class)
    ResponseEntity<Object> badCursor(SearchService.InvalidCursorException ex) {
        return Problems.of(HttpStatus.BAD_REQUEST, "validation-failed", "Invalid request", ex.getMessage(), "after");
    }

    @ExceptionHandler(UnknownPostMortemException.class)
    ResponseEntity<Object> unknown(UnknownPostMortemException ex) {
        return Problems.of(HttpStatus.NOT_FOUND, "post-mortem-not-found", "Not found", ex.getMessage(), "id");
    }

    @ExceptionHandler(ElasticsearchException.class)
    ResponseEntity<Object> refused(ElasticsearchException ex) {
        if (ex.status() >= 400 && ex.status() < 500) {
            return Problems.of(HttpStatus.BAD_REQUEST, "validation-failed", "Invalid search", "The search server refused the query: "
                    + ex.error().reason(), "q");
        }
        log.warn("search failed: {}", ex.toString());
        return unavailable();
    }

    @ExceptionHandler(IOException.class)
    ResponseEntity<Object> unreachable(IOException ex) {
        log.warn("search server unreachable: {}", ex.toString());
        return unavailable();
    }

    private static ResponseEntity<Object> unavailable() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "search-unavailable", "Search unavailable",
                "The search server did not answer; try again shortly.", null);
    }

    static final class PageTooDeepException extends RuntimeException {
    }

    static final class UnknownPostMortemException extends RuntimeException {
        UnknownPostMortemException(String id) {
            super("There is no post-mortem " + id + " in the search index.");
        }
    }
}
