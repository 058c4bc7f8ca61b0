package dev.postmortem.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentsTest {

    @Test
    void readsWhatIsGivenAndDefaultsTheRest() {
        Arguments given = Arguments.parse(new String[]{"--sizes", "1000, 10000", "--out", "/tmp/b.md"}, "--sizes", "--runs", "--out");
        assertThat(given.integers("--sizes", List.of(1))).containsExactly(1000, 10_000);
        assertThat(given.path("--out", Path.of("x"))).isEqualTo(Path.of("/tmp/b.md"));
        assertThat(given.integer("--runs", 3)).isEqualTo(3);
    }

    @Test
    void anUnknownNameAMissingValueOrAnUnreadableOneStopsTheRunNamingIt() {
        assertThatThrownBy(() -> Arguments.parse(new String[]{"--size", "1"}, "--sizes", "--runs"))
                .hasMessage("unknown option --size; known: --sizes --runs");
        assertThatThrownBy(() -> Arguments.parse(new String[]{"--runs"}, "--runs"))
                .hasMessage("option --runs has no value");
        Arguments given = Arguments.parse(new String[]{"--runs", "three"}, "--runs");
        assertThatThrownBy(() -> given.integer("--runs", 3)).hasMessage("option --runs: cannot read three");
    }
}
