package dev.postmortem.command.importing;

import dev.postmortem.api.command.ImportPostMortem;
import dev.postmortem.api.value.PostMortemDocument;
import dev.postmortem.command.timeline.importing.ImportProblem;
import dev.postmortem.command.web.CommandSender;
import dev.postmortem.command.postmortem.DocumentImport;
import dev.postmortem.command.severity.SeverityScale;
import dev.postmortem.command.web.WriteContext;
import dev.postmortem.kit.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * An existing post-mortem in the guide's Markdown template becomes a post-mortem here: {@code POST /api/postmortems}
 * with {@code Content-Type: text/markdown}, answered like any create (201, Location, ETag). The id comes from the
 * file's SHA-256, so the same file imported again is the same post-mortem (200, its Location, {@code alreadyImported}),
 * never a second one. A document that cannot be read is a 422 naming the line, entry or row; nothing is stored.
 */
@RestController
class PostMortemImportController {

    static final String MARKDOWN = "text/markdown";
    private final CommandSender sender;
    private final SeverityScale scale;

    PostMortemImportController(CommandSender sender, SeverityScale scale) {
        this.sender = sender;
        this.scale = scale;
    }

    /** What an import answers: the created (or earlier imported) post-mortem, and what was worth knowing about the document. */
    record Imported(String id, String postMortemId, Long version, boolean alreadyImported, List<String> notes) {
    }

    /** Described with the JSON create (one operation per path and method in the API description: see its description). */
    @Operation(hidden = true)
    @PostMapping(path = "/api/postmortems", consumes = MARKDOWN)
    ResponseEntity<Imported> importMarkdown(@RequestBody byte[] file,
                                            @RequestParam(required = false) @Size(max = 100) String name, WriteContext context) {
        PostMortemDocument document = MarkdownPostMortem.read(file);
        String sha256 = sha256(file);
        String id = UUID.nameUUIDFromBytes(("markdown:" + sha256).getBytes(StandardCharsets.UTF_8)).toString();
        String location = ServletUriComponentsBuilder.fromCurrentRequestUri().replaceQuery(null).path("/{id}").buildAndExpand(id).toUriString();
        ImportPostMortem command = new ImportPostMortem(id, name == null ? "" : name.strip(), sha256, document);
        try {
            // the version its events reach: the same events counted again (the import was accepted, so they are all valid)
            ResponseEntity<CommandSender.CreatedResult> created = sender.createMany(command, context,
                    () -> DocumentImport.events(command, scale).size() - 1L);
            return ResponseEntity.status(HttpStatus.CREATED).headers(created.getHeaders())
                                 .body(new Imported(id, id, created.getBody().version(), false, document.notes()));
        } catch (AggregateStreamCreationException alreadyThere) {
            return ResponseEntity.ok().header(HttpHeaders.LOCATION, location).body(new Imported(id, id, null, true, document.notes()));
        }
    }

    @ExceptionHandler(ImportProblem.class)
    ResponseEntity<Object> unreadable(ImportProblem problem) {
        return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "unreadable-import", "The document cannot be imported",
                problem.where() + ": " + problem.getMessage() + ". Nothing was stored.", problem.where());
    }

    static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
