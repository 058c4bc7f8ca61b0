package dev.postmortem.command.timeline.importing;

import dev.postmortem.api.command.ImportTimelineEntries;
import dev.postmortem.api.value.TimelineEntryKind;
import dev.postmortem.command.web.CommandSender;
import dev.postmortem.command.web.CommandSender.WriteResult;
import dev.postmortem.command.web.Utf8Size;
import dev.postmortem.command.web.WriteContext;
import dev.postmortem.kit.problem.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static dev.postmortem.command.web.TextLimits.LABEL;
import static dev.postmortem.command.web.TextLimits.LABEL_BYTES;
import static dev.postmortem.command.web.TextLimits.NAME;
import static dev.postmortem.command.web.TextLimits.NAME_BYTES;
import static dev.postmortem.command.web.TextLimits.SHORT_TEXT;
import static dev.postmortem.command.web.TextLimits.SHORT_TEXT_BYTES;

/**
 * Bringing an incident's log into the timeline, in two steps, as a person does it: the preview reads the file
 * (PagerDuty's {@code log_entries} JSON, or CSV) and shows what each entry would become, storing nothing; the import
 * adds the entries the person picked (possibly edited), all or none, each an ordinary {@code TimelineEntryImported}
 * event with the person as actor and the log as its source.
 */
@RestController
class TimelineImportController {

    static final String CSV = "text/csv";
    private final CommandSender sender;

    TimelineImportController(CommandSender sender) {
        this.sender = sender;
    }

    /** What the preview shows: the format read, and each entry. */
    record Preview(String format, int entries, int suggested, List<ImportedEntry> items) {
    }

    @PostMapping(path = "/api/timeline-imports/preview", consumes = {MediaType.APPLICATION_JSON_VALUE, CSV})
    Preview preview(@RequestBody byte[] file, @RequestHeader("Content-Type") MediaType type) {
        TimelineFiles.Format format = type.isCompatibleWith(MediaType.APPLICATION_JSON) ? TimelineFiles.Format.PAGERDUTY : TimelineFiles.Format.CSV;
        List<ImportedEntry> entries = TimelineFiles.read(format, file);
        return new Preview(format.name().toLowerCase(Locale.ROOT), entries.size(),
                (int) entries.stream().filter(ImportedEntry::suggested).count(), entries);
    }

    @PostMapping(path = "/api/postmortems/{id}/timeline/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<WriteResult> importEntries(@PathVariable String id, @Valid @RequestBody ImportRequest request, WriteContext context) {
        List<ImportTimelineEntries.Entry> entries = request.entries().stream()
                .map(e -> new ImportTimelineEntries.Entry(UUID.randomUUID().toString(), e.occurredAt(), e.kind(), e.description(), e.effect(),
                        e.perspective(), e.sourceRef())).toList();
        return sender.update(new ImportTimelineEntries(id, context.expectedVersion(), request.source(), request.sourceName(), entries), context);
    }

    /** The picked entries and the log they come from. */
    record ImportRequest(@NotBlank @Pattern(regexp = "pagerduty|csv", message = "must be pagerduty or csv") String source,
                         @Size(max = LABEL) @Utf8Size(max = LABEL_BYTES) String sourceName,
                         @NotNull @Size(min = 1, max = TimelineFiles.MAX_ENTRIES) List<@NotNull @Valid PickedEntry> entries) {
    }

    record PickedEntry(@NotNull Instant occurredAt,
                       @NotNull TimelineEntryKind kind,
                       @NotBlank @Size(max = SHORT_TEXT) @Utf8Size(max = SHORT_TEXT_BYTES) String description,
                       @Size(max = SHORT_TEXT) @Utf8Size(max = SHORT_TEXT_BYTES) String effect,
                       @Size(max = NAME) @Utf8Size(max = NAME_BYTES) String perspective,
                       @Size(max = LABEL) @Utf8Size(max = LABEL_BYTES) String sourceRef) {
    }

    @ExceptionHandler(ImportProblem.class)
    ResponseEntity<Object> unreadable(ImportProblem problem) {
        return Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "unreadable-import", "The file cannot be imported",
                problem.where() + ": " + problem.getMessage() + ". Nothing was stored.", problem.where());
    }
}
