package dev.postmortem.bench.language;

import dev.postmortem.kit.language.BlamelessLanguage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The regular-expression matcher the check used before, on the same kinds of text: at 6,000 characters, since on
 * hyphen runs its time grows with the square of the length (60,000 took seconds a call).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class RegexBaselineBenchmark {

    @Param({"prose", "hyphen-runs", "one-long-word", "apostrophes", "phrase-prefixes"})
    public String text;

    @Param({"6000", "12000"})
    public int size;

    private final RegexPhrases regexes = new RegexPhrases(BlamelessLanguage.Rules.defaults());
    private String input;

    @Setup
    public void setUp() {
        input = Texts.of(text, size);
    }

    @Benchmark
    public int regexes() {
        return regexes.count(input);
    }
}
