package dev.postmortem.web;

import dev.postmortem.web.views.Lists;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ListsTest {

    @Test
    void durationsReadAsAPersonSaysThem() {
        assertThat(Lists.readable(null)).isEqualTo("—");
        assertThat(Lists.readable(45L)).isEqualTo("45 s");
        assertThat(Lists.readable(420L)).isEqualTo("7 min");
        assertThat(Lists.readable(3600L)).isEqualTo("1 h");
        assertThat(Lists.readable(4200L)).isEqualTo("1 h 10 min");
        assertThat(Lists.readable(2 * 86_400L + 4 * 3600L + 59)).isEqualTo("2 d 4 h");
        assertThat(Lists.readable(-600L)).as("a meeting held before the incident's recorded end").isEqualTo("−10 min");
    }
}
