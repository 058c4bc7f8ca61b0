package dev.postmortem.localstack.junit;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GenTest {

    private static final int DRAWS = 20_000;

    /** A generator using most combinators, so that determinism covers them all. */
    private static Gen<String> mixed() {
        Gen<String> words = Gen.frequency(Gen.weighted(3, Gen.of("a", "b", "c")), Gen.weighted(1, Gen.strings("xyz", 0, 5)),
                Gen.weighted(1, Gen.strings('\u0000', '\uFFFF', 1, 3)));
        return Gen.integers(1, 4).flatMap(size -> words.withNull(0.2).list(size, size))
                  .map(list -> list + "|" + Gen.longs(-5, 5).next(new SplittableRandom(list.size())))
                  .filter(text -> !text.isEmpty());
    }

    private static List<String> draw(Gen<String> generator, long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(generator.next(random));
        }
        return values;
    }

    @Test
    void theSameSeedGivesTheSameValues() {
        assertThat(draw(mixed(), 42, 500)).isEqualTo(draw(mixed(), 42, 500));
        assertThat(draw(mixed(), 42, 500)).isNotEqualTo(draw(mixed(), 43, 500));
        assertThat(draw(HostileInputs.strings(), 7, 300)).isEqualTo(draw(HostileInputs.strings(), 7, 300));
        assertThat(draw(HostileInputs.jsonValues(), 7, 100)).isEqualTo(draw(HostileInputs.jsonValues(), 7, 100));
    }

    @Test
    void frequenciesAreRoughlyTheWeights() {
        Gen<String> weighted = Gen.frequency(Gen.weighted(6, Gen.constant("six")), Gen.weighted(3, Gen.constant("three")),
                Gen.weighted(1, Gen.constant("one")), Gen.weighted(0, Gen.constant("never")));
        Map<String, Integer> counts = new HashMap<>();
        draw(weighted, 1, DRAWS).forEach(value -> counts.merge(value, 1, Integer::sum));
        assertThat(counts.get("six") / (double) DRAWS).isCloseTo(0.6, within(0.02));
        assertThat(counts.get("three") / (double) DRAWS).isCloseTo(0.3, within(0.02));
        assertThat(counts.get("one") / (double) DRAWS).isCloseTo(0.1, within(0.02));
        assertThat(counts).doesNotContainKey("never");
    }

    @Test
    void withNullGivesNullAtTheGivenRate() {
        long nulls = draw(Gen.constant("x").withNull(0.25), 3, DRAWS).stream().filter(value -> value == null).count();
        assertThat(nulls / (double) DRAWS).isCloseTo(0.25, within(0.02));
    }

    @Test
    void rangesAndLengthsIncludeBothEnds() {
        SplittableRandom random = new SplittableRandom(5);
        Map<Integer, Integer> seen = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            seen.merge(Gen.integers(-2, 2).next(random), 1, Integer::sum);
            int length = Gen.strings("ab", 1, 3).next(random).length();
            assertThat(length).isBetween(1, 3);
            assertThat(Gen.constant(1).list(2, 4).next(random)).hasSizeBetween(2, 4);
            assertThat(Gen.longs(Long.MIN_VALUE, Long.MIN_VALUE + 1).next(random)).isBetween(Long.MIN_VALUE, Long.MIN_VALUE + 1);
            assertThat(Gen.strings(' ', '~', 0, 10).next(random)).matches("[ -~]{0,10}");
        }
        assertThat(seen.keySet()).containsExactlyInAnyOrder(-2, -1, 0, 1, 2);
        assertThat(Gen.integers(Integer.MAX_VALUE - 1, Integer.MAX_VALUE).next(random)).isGreaterThanOrEqualTo(Integer.MAX_VALUE - 1);
    }

    @Test
    void aFilterThatRefusesEverythingFailsInsteadOfLooping() {
        assertThatThrownBy(() -> Gen.constant("x").filter(value -> false).next(new SplittableRandom(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSeedComesFromThePropertyOrIsNew() {
        assertThat(FuzzCampaign.seed(" -123 ")).isEqualTo(-123L);
        assertThat(FuzzCampaign.seed(null)).isPositive();
        assertThat(FuzzCampaign.seed("")).isPositive();
        assertThatThrownBy(() -> FuzzCampaign.seed("abc")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fuzz.seed");
    }
}
