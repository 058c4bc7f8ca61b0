package dev.postmortem.web.importing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postmortem.web.backend.Backend;
import dev.postmortem.web.backend.BackendProblem;
import dev.postmortem.web.pages.Pages;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Existing post-mortems in the guide's Markdown template brought in: one file, several, or a folder; each is sent to
 * the command service as it is ({@code POST /api/postmortems}, {@code text/markdown}) and the page says what became of
 * each — imported, already here (the same file before), or not imported and why.
 */
@Controller
class ImportController {

    /** More than a team writes in years; a folder with more is better imported in parts. */
    static final int MAX_FILES = 200;
    private static final MediaType MARKDOWN = MediaType.parseMediaType("text/markdown");
    private final Backend backend;

    ImportController(Backend backend) {
        this.backend = backend;
    }

    /** One file's fate: created, already, or refused with the service's reason. */
    record Result(String file, String outcome, String postMortemId, Long version, String message) {
    }

    @GetMapping("/postmortems/import")
    String page(Model model) {
        Pages.title(model, "Import post-mortems");
        return "import";
    }

    @PostMapping(path = "/postmortems/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String importFiles(@RequestParam(name = "files", required = false) List<MultipartFile> files, Model model) {
        Pages.title(model, "Import post-mortems");
        List<MultipartFile> chosen = files == null ? List.of() : files.stream().filter(file -> !file.isEmpty())
                                                                      .filter(ImportController::isMarkdown).toList();
        if (chosen.isEmpty()) {
            model.addAttribute("problem", "Choose one or more Markdown files (.md), or a folder of them.");
            return "import";
        }
        if (chosen.size() > MAX_FILES) {
            model.addAttribute("problem", chosen.size() + " files: import at most " + MAX_FILES + " at a time.");
            return "import";
        }
        List<Result> results = new ArrayList<>();
        for (MultipartFile file : chosen) {
            String name = Pages.fileName(file.getOriginalFilename(), "post-mortem.md");
            try {
                JsonNode answer = backend.send("/api/postmortems?name=" + UriUtils.encodeQueryParam(name, StandardCharsets.UTF_8),
                        file.getBytes(), MARKDOWN);
                boolean already = answer.path("alreadyImported").asBoolean();
                results.add(new Result(name, already ? "already" : "created", answer.path("id").asText(),
                        already || !answer.hasNonNull("version") ? null : answer.path("version").asLong(), null));
            } catch (BackendProblem problem) {
                if (problem.status() >= 500 || problem.status() == 403) {
                    throw problem;
                }
                // the service's message names where it is ("line 3: …", "title: no title …"); for the title that says it twice
                String reason = problem.fields().isEmpty() ? problem.getMessage() : String.join("; ", problem.fields().entrySet().stream()
                        .map(field -> field.getKey().equals("title") ? field.getValue().replaceFirst("^title: ", "") : field.getValue())
                        .toList());
                results.add(new Result(name, "refused", null, null, problem.status() == 413 ? "larger than 512 KB" : reason));
            } catch (IOException e) {
                results.add(new Result(name, "refused", null, null, "could not be read: " + e.getMessage()));
            }
        }
        model.addAttribute("results", results);
        model.addAttribute("created", results.stream().filter(r -> r.outcome().equals("created")).count());
        model.addAttribute("already", results.stream().filter(r -> r.outcome().equals("already")).count());
        model.addAttribute("refused", results.stream().filter(r -> r.outcome().equals("refused")).count());
        return "import";
    }

    /** A folder brings every file in it: only the Markdown ones are post-mortems. */
    private static boolean isMarkdown(MultipartFile file) {
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase(Locale.ROOT);
        return name.endsWith(".md") || name.endsWith(".markdown") || "text/markdown".equals(file.getContentType());
    }
}
