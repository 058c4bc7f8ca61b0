package dev.postmortem.localstack.junit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestBackingTest {

    @Test
    void embeddedWhenNothingIsSet() {
        assertThat(TestBacking.of(null, null)).isEqualTo(TestBacking.EMBEDDED);
        assertThat(TestBacking.of("", "  ")).isEqualTo(TestBacking.EMBEDDED);
    }

    @Test
    void readsEitherValueCaseInsensitively() {
        assertThat(TestBacking.of("testcontainers", null)).isEqualTo(TestBacking.TESTCONTAINERS);
        assertThat(TestBacking.of(" TestContainers ", null)).isEqualTo(TestBacking.TESTCONTAINERS);
        assertThat(TestBacking.of("EMBEDDED", null)).isEqualTo(TestBacking.EMBEDDED);
        assertThat(TestBacking.of(null, "Testcontainers")).isEqualTo(TestBacking.TESTCONTAINERS);
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironment() {
        assertThat(TestBacking.of("embedded", "testcontainers")).isEqualTo(TestBacking.EMBEDDED);
        assertThat(TestBacking.of("testcontainers", "embedded")).isEqualTo(TestBacking.TESTCONTAINERS);
        assertThat(TestBacking.of("", "testcontainers")).isEqualTo(TestBacking.TESTCONTAINERS);
    }

    @Test
    void anUnknownValueFailsNamingTheSwitchAndTheAllowedValues() {
        assertThatThrownBy(() -> TestBacking.of("docker", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'docker'")
                .hasMessageContaining("system property postmortem.test.backing")
                .hasMessageContaining("allowed values: embedded, testcontainers");
        assertThatThrownBy(() -> TestBacking.of(null, "containers"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'containers'")
                .hasMessageContaining("environment variable POSTMORTEM_TEST_BACKING")
                .hasMessageContaining("allowed values: embedded, testcontainers");
    }

    @Test
    void valuesAreWrittenAsInTheSwitch() {
        assertThat(TestBacking.EMBEDDED.value()).isEqualTo("embedded");
        assertThat(TestBacking.TESTCONTAINERS.value()).isEqualTo("testcontainers");
    }

    @Test
    void theSkipReasonNamesTheSwitchAndTheWayOut() {
        assertThat(TestcontainersBacking.NO_DOCKER)
                .isEqualTo("no Docker engine found for Testcontainers (postmortem.test.backing=testcontainers);"
                        + " run without the switch to use the embedded stack");
    }
}
