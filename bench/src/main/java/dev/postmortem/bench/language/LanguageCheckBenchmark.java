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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The blameless-language check on normal and adversarial text of the same size (see {@link Texts}), beside the
 * regular-expression matcher it replaced ({@link RegexBaselineBenchmark}): what one write and one {@code GET …/language}
 * pay per text field.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LanguageCheckBenchmark {

    @Param({"prose", "hyphen-runs", "one-long-word", "apostrophes", "phrase-prefixes", "log-lines"})
    public String text;

    /** Characters per text: 3 × 20,000, the size of the attack that was reported. */
    @Param("60000")
    public int size;

    private final BlamelessLanguage language = new BlamelessLanguage(BlamelessLanguage.Rules.defaults());
    private String input;

    @Setup
    public void setUp() {
        input = Texts.of(text, size);
    }

    /** The check of a free-text field (counterfactuals and blame), as on every write. */
    @Benchmark
    public List<BlamelessLanguage.Finding> words() {
        return language.check("summary", input);
    }

    /** The same plus pasted logs, as for {@code additionalInfo}. */
    @Benchmark
    public List<BlamelessLanguage.Finding> wordsAndPastedLogs() {
        return language.checkAdditionalInfo("additionalInfo", input);
    }
}
