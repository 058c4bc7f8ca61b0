package dev.postmortem.command.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ETagsTest {

    @Test
    void aVersionIsAStrongQuotedTag() {
        assertThat(ETags.of(7)).isEqualTo("\"7\"");
        assertThat(ETags.parseIfMatch(ETags.of(7))).isEqualTo(7L);
        assertThat(ETags.parseIfMatch(" \"0\" ")).isZero();
    }

    @Test
    void noHeaderOrAStarMeansAnyVersion() {
        assertThat(ETags.parseIfMatch(null)).isNull();
        assertThat(ETags.parseIfMatch("")).isNull();
        assertThat(ETags.parseIfMatch("*")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "W/\"7\"", "\"seven\"", "\"1\", \"2\"", "\"-1\"", "\"99999999999999999999\""})
    void anythingElseIsRejectedNamingTheHeader(String header) {
        assertThatThrownBy(() -> ETags.parseIfMatch(header))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.field()).isEqualTo("If-Match"));
    }
}
