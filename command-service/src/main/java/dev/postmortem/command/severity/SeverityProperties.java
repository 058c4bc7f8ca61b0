package dev.postmortem.command.severity;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/** {@code postmortem.severity.levels}: the organisation's severity scale, most severe first. */
@ConfigurationProperties("postmortem.severity")
public record SeverityProperties(List<SeverityScale.Level> levels) {

    public SeverityScale scale() {
        return new SeverityScale(levels);
    }
}
