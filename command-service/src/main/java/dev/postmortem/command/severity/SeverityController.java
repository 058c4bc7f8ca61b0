package dev.postmortem.command.severity;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Lists the severity levels and their definitions, for whoever is choosing one. */
@RestController
class SeverityController {

    private final SeverityScale scale;

    SeverityController(SeverityScale scale) {
        this.scale = scale;
    }

    @GetMapping("/api/severities")
    List<SeverityScale.Level> levels() {
        return scale.levels();
    }
}
