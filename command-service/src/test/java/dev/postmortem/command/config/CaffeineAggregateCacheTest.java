package dev.postmortem.command.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class CaffeineAggregateCacheTest {

    @Test
    void keepsWhatIsPutAndForgetsWhatIsRemoved() {
        CaffeineAggregateCache cache = new CaffeineAggregateCache(10, Duration.ofMinutes(1));
        cache.put("a", "first");

        assertThat(cache.putIfAbsent("a", "second")).isFalse();
        assertThat((String) cache.get("a")).isEqualTo("first");
        assertThat(cache.putIfAbsent("b", "other")).isTrue();
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        assertThat(cache.containsKey("a")).isFalse();
        assertThat((String) cache.get("a")).isNull();

        cache.removeAll();
        assertThat(cache.containsKey("b")).isFalse();
    }

    @Test
    void staysWithinItsMaximumSize() {
        CaffeineAggregateCache cache = new CaffeineAggregateCache(100, Duration.ofMinutes(1));
        IntStream.range(0, 1_000).forEach(i -> cache.put("post-mortem-" + i, i));

        // Caffeine evicts in the background, shortly after the writes.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(IntStream.range(0, 1_000).filter(i -> cache.containsKey("post-mortem-" + i)).count())
                        .isBetween(1L, 100L));
    }

    @Test
    void refusesASizeBelowZeroAndANonPositiveExpiry() {
        assertThatThrownBy(() -> new AggregateCacheProperties(-1, Duration.ofMinutes(1)))
                .hasMessageContaining("maximum-size");
        assertThatThrownBy(() -> new AggregateCacheProperties(10, Duration.ZERO))
                .hasMessageContaining("expire-after-access");
    }
}
