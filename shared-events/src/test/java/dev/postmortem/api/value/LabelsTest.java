package dev.postmortem.api.value;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void incidentTimeNamesAreNormalisedToDashedLowerCase() {
        assertThat(IncidentTimes.normalise(" First user_impact ")).isEqualTo("first-user-impact");
        assertThat(IncidentTimes.isValidName("first-user-impact")).isTrue();
        assertThat(IncidentTimes.isValidName("rollback-2")).isTrue();
        assertThat(IncidentTimes.isValidName("-start")).isFalse();
        assertThat(IncidentTimes.isValidName("start--end")).isFalse();
        assertThat(IncidentTimes.isValidName("ünïcode")).isFalse();
        assertThat(IncidentTimes.isValidName("x".repeat(65))).isFalse();
    }

    @Test
    void onlyCompletedAndDeclinedCountermeasuresAreClosed() {
        assertThat(CountermeasureStatus.values())
                .filteredOn(CountermeasureStatus::isOpen)
                .containsExactly(CountermeasureStatus.PROPOSED, CountermeasureStatus.ASSIGNED, CountermeasureStatus.IN_PROGRESS);
    }
}
