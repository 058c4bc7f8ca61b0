package dev.postmortem.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A benchmark's command line: {@code --name value} pairs, each name one the benchmark knows, each value read with a
 * default when it is not given. A wrong name or value stops the run before anything starts, naming it.
 */
final class Arguments {

    private final Map<String, String> given = new HashMap<>();

    private Arguments(String[] args, Set<String> known) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
        }
        for (int i = 0; i < args.length; i += 2) {
            if (!known.contains(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + String.join(" ", known));
            }
            given.put(args[i], args[i + 1]);
        }
    }

    static Arguments parse(String[] args, String... known) {
        return new Arguments(args, new LinkedHashSet<>(List.of(known)));
    }

    int integer(String name, int otherwise) {
        return read(name, Integer::parseInt, otherwise);
    }

    long number(String name, long otherwise) {
        return read(name, Long::parseLong, otherwise);
    }

    Path path(String name, Path otherwise) {
        return read(name, Path::of, otherwise);
    }

    /** A comma-separated list of whole numbers. */
    List<Integer> integers(String name, List<Integer> otherwise) {
        return read(name, value -> Arrays.stream(value.split(",")).map(String::trim).map(Integer::parseInt).toList(), otherwise);
    }

    /** A comma-separated list of words. */
    List<String> words(String name, List<String> otherwise) {
        return read(name, value -> Arrays.stream(value.split(",")).map(String::trim).toList(), otherwise);
    }

    private <T> T read(String name, Function<String, T> parse, T otherwise) {
        String value = given.get(name);
        if (value == null) {
            return otherwise;
        }
        try {
            return parse.apply(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("option " + name + ": cannot read " + value, e);
        }
    }
}
