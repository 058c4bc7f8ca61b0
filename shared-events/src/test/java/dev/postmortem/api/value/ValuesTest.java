package dev.postmortem.api.value;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules value types carry with them: how an incident time is named, which countermeasures are open. */
class ValuesTest {

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
