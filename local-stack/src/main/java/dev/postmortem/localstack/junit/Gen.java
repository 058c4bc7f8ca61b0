package dev.postmortem.localstack.junit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of random values for the fuzz campaigns: a function from a random source to a value, and the few
 * combinators the campaigns need.
 *
 * <p>Why not a property-based testing library: the one the campaigns used asks not to be used by AI coding agents,
 * and the project respects that. A fuzz campaign needs no more than this: it generates requests, sends them and
 * checks the answers; it does not shrink a failing input (shrinking would resend requests against a service whose
 * state has moved on), it prints the failing request whole instead, with the seed that replays the run.
 *
 * <p>The same seed gives the same values: every generator draws only from the {@link SplittableRandom} it is given,
 * in a fixed order. Distributions are plain (uniform unless weighted); there is no bias towards edge cases, so the
 * campaigns name their edge cases explicitly in their value lists.
 */
@FunctionalInterface
public interface Gen<T> {

    /** How often {@link #filter} tries before it gives up: a filter that rejects nearly everything is a bug. */
    int FILTER_ATTEMPTS = 10_000;

    /** The next value, drawn from {@code random}. */
    T next(SplittableRandom random);

    /** Always {@code value} (which may be {@code null}). */
    static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    /** One of {@code values}, each as likely. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(Arrays.asList(values));
    }

    /** One of {@code values}, each as likely (in the collection's iteration order, which must be stable for replays). */
    static <T> Gen<T> of(Collection<? extends T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values to choose from");
        }
        // a copy, so that a caller's later change does not change the generator (null values are allowed)
        List<T> copy = new ArrayList<>(values);
        return random -> copy.get(random.nextInt(copy.size()));
    }

    /** A value of one of {@code generators}, each as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
        List<Gen<? extends T>> all = List.of(generators);
        return random -> all.get(random.nextInt(all.size())).next(random);
    }

    /** A generator with a weight, for {@link #frequency}. */
    record Weighted<T>(int weight, Gen<? extends T> generator) {
        public Weighted {
            if (weight < 0) {
                throw new IllegalArgumentException("negative weight " + weight);
            }
        }
    }

    static <T> Weighted<T> weighted(int weight, Gen<? extends T> generator) {
        return new Weighted<>(weight, generator);
    }

    /** A value of one of the generators, each chosen with likelihood weight / sum of weights. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> all = List.of(choices);
        int total = all.stream().mapToInt(Weighted::weight).sum();
        if (total <= 0) {
            throw new IllegalArgumentException("the weights add up to " + total);
        }
        return random -> {
            int ticket = random.nextInt(total);
            for (Weighted<? extends T> choice : all) {
                ticket -= choice.weight();
                if (ticket < 0) {
                    return choice.generator().next(random);
                }
            }
            throw new IllegalStateException("unreachable: ticket beyond the total weight");
        };
    }

    /** An int from {@code min} to {@code max}, both included. */
    static Gen<Integer> integers(int min, int max) {
        return random -> (int) random.nextLong(min, (long) max + 1);
    }

    /** A long from {@code min} to {@code max}, both included ({@code max} below {@link Long#MAX_VALUE}). */
    static Gen<Long> longs(long min, long max) {
        return random -> random.nextLong(min, max + 1);
    }

    /** A double from {@code min} (included) to {@code max} (excluded). */
    static Gen<Double> doubles(double min, double max) {
        return random -> random.nextDouble(min, max);
    }

    /** Text of {@code minLength} to {@code maxLength} characters, each any of {@code alphabet}. */
    static Gen<String> strings(String alphabet, int minLength, int maxLength) {
        if (alphabet.isEmpty()) {
            throw new IllegalArgumentException("empty alphabet");
        }
        return random -> {
            int length = random.nextInt(minLength, maxLength + 1);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        };
    }

    /**
     * Text of {@code minLength} to {@code maxLength} UTF-16 units, each from {@code first} to {@code last} (so a
     * range over all of {@code char} gives lone surrogates too, which is what a fuzz campaign wants).
     */
    static Gen<String> strings(char first, char last, int minLength, int maxLength) {
        return random -> {
            int length = random.nextInt(minLength, maxLength + 1);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append((char) random.nextInt(first, last + 1));
            }
            return text.toString();
        };
    }

    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    /** A value of the generator that {@code next} chooses for this generator's value. */
    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> next) {
        return random -> next.apply(next(random)).next(random);
    }

    /** Values that pass {@code accepted}: draws again until one does (at most {@value #FILTER_ATTEMPTS} times). */
    default Gen<T> filter(Predicate<? super T> accepted) {
        return random -> {
            for (int attempt = 0; attempt < FILTER_ATTEMPTS; attempt++) {
                T value = next(random);
                if (accepted.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("the filter refused " + FILTER_ATTEMPTS + " values in a row");
        };
    }

    /** {@code null} with likelihood {@code probability}, else a value of this generator. */
    default Gen<T> withNull(double probability) {
        return random -> random.nextDouble() < probability ? null : next(random);
    }

    /** Lists of {@code minSize} to {@code maxSize} values of this generator. */
    default Gen<List<T>> list(int minSize, int maxSize) {
        return random -> {
            int size = random.nextInt(minSize, maxSize + 1);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(random));
            }
            return values;
        };
    }
}
