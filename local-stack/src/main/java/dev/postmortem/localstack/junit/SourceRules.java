package dev.postmortem.localstack.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What ArchUnit cannot see, read from the sources: javac copies a constant's value into each class that reads it, and
 * a class named by its qualified name needs no import, so class-file rules miss both. Comments and strings are left
 * out; each finding is {@code file: what}.
 */
public final class SourceRules {

    private static final Pattern QUALIFIED = Pattern.compile(
            "(?<![\\w.@\"])((?:java|javax|jakarta|org|com|dev|io)\\.(?:[a-z_]\\w*\\.)+[A-Z]\\w*)");
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\\\n])*\"", Pattern.DOTALL);
    private static final Pattern IMPORTS = Pattern.compile("^(?:import|package) [^\\n]*", Pattern.MULTILINE);

    private SourceRules() {
    }

    /** Classes named by their qualified name in code instead of being imported. */
    public static List<String> qualifiedNames(Path sources) {
        return code(sources).flatMap(file -> QUALIFIED.matcher(file.code()).results()
                                                      .map(match -> file.path() + ": " + match.group(1))).toList();
    }

    /**
     * Files that name {@code type} (by import or in code, e.g. {@code PostMortem.GROUPS}) outside {@code allowedFolder}:
     * the way to hold "only X may read Y's constants" that ArchUnit cannot.
     */
    public static List<String> filesNaming(Path sources, String type, String allowedFolder) {
        String simple = type.substring(type.lastIndexOf('.') + 1);
        Pattern named = Pattern.compile("\\b" + Pattern.quote(simple) + "\\s*\\.\\s*[A-Za-z_]");
        return code(sources).filter(file -> !file.path().toString().replace('\\', '/').contains(allowedFolder))
                            .filter(file -> file.text().contains("import " + type + ";") || named.matcher(file.code()).find())
                            .map(file -> file.path() + " names " + simple).toList();
    }

    private record Source(Path path, String text, String code) {
    }

    private static Stream<Source> code(Path sources) {
        try (Stream<Path> paths = Files.walk(sources)) {
            return paths.filter(path -> path.toString().endsWith(".java")).toList().stream().map(path -> {
                String text = read(path);
                Matcher hidden = COMMENTS_AND_STRINGS.matcher(text);
                String code = IMPORTS.matcher(hidden.replaceAll(" ")).replaceAll(" ");
                return new Source(path, text, code);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
