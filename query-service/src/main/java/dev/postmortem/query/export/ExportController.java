package dev.postmortem.query.export;

import dev.postmortem.query.QueryProperties;
import dev.postmortem.query.postmortem.PostMortemQueries;
import dev.postmortem.query.postmortem.PostMortemView;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/** A post-mortem as a Markdown document in the template's shape: on {@code Accept: text/markdown}, or as a file. */
@RestController
@RequestMapping("/api/postmortems")
class ExportController {

    static final String MARKDOWN = "text/markdown;charset=UTF-8";

    private final PostMortemQueries queries;
    private final QueryProperties properties;

    ExportController(PostMortemQueries queries, QueryProperties properties) {
        this.queries = queries;
        this.properties = properties;
    }

    /** The same post-mortem (now, {@code asOf} or at {@code minVersion}) as a Markdown document in the template's shape. */
    @GetMapping(path = "/{id}", produces = "text/markdown")
    ResponseEntity<String> markdown(@PathVariable String id,
                                    @RequestParam(required = false) Instant asOf,
                                    @RequestParam(required = false) @Min(0) Long minVersion) {
        PostMortemView view = queries.lookup(id, asOf, minVersion);
        return ResponseEntity.ok().eTag("\"" + view.version + "\"").contentType(MediaType.parseMediaType(MARKDOWN))
                             .body(MarkdownExport.render(view, properties.exportRemoteImages()));
    }

    /** The Markdown document whatever the Accept header, as a file a browser can save. */
    @GetMapping("/{id}/export.md")
    ResponseEntity<String> export(@PathVariable String id,
                                  @RequestParam(required = false) Instant asOf,
                                  @RequestParam(required = false) @Min(0) Long minVersion) {
        ResponseEntity<String> markdown = markdown(id, asOf, minVersion);
        return ResponseEntity.ok().headers(markdown.getHeaders())
                             .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + id + ".md\"")
                             .body(markdown.getBody());
    }
}
