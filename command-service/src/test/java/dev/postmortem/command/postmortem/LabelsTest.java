package dev.postmortem.command.postmortem;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tags, affected services and owning teams as the post-mortem keeps them. */
class LabelsTest {

    @Test
    void tagsAreTrimmedLowerCasedAndDeduplicatedInFirstSeenOrder() {
        assertThat(Labels.normaliseTags(List.of("  Database ", "database", "DNS", " ", "Cache  Miss")))
                .containsExactly("database", "dns", "cache miss");
    }

    @Test
    void namesKeepTheirCaseButLoseRepeatedBlanks() {
        assertThat(Labels.normaliseNames(Arrays.asList(" Payments  API ", null, "Payments API", "payments api")))
                .containsExactly("Payments API", "payments api");
    }
}
