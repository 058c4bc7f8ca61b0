package dev.postmortem.localstack.junit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds the configuration reference (docs/configuration.md) to the service it describes: every property the service sets in its
 * {@code application.yml} and every property it binds ({@code spring-configuration-metadata.json}, written by Spring
 * Boot's configuration processor) has a row in the section {@code ## Configuration (<service>)}, and each row's
 * environment variable is the one Spring's relaxed binding actually reads.
 */
public final class ConfigurationReference {

    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|([^|]*)\\|\\s*([^|]*)\\|");
    private static final Pattern ENVIRONMENT_VARIABLE = Pattern.compile("`([A-Z][A-Z0-9_]*)`");

    private ConfigurationReference() {
    }

    /** One documented property: its name, its default as written, and the environment variables named for it. */
    public record Row(String property, String defaultValue, List<String> environment) {
    }

    /**
     * The properties a service must document: the keys of its {@code application.yml} (all profiles; a list counts
     * as one property) and the project's properties ({@code postmortem.*}) in the configuration metadata of the service
     * and of the project's libraries on its classpath (the service kit), plus any given (e.g. read with {@code @Value}).
     */
    public static Set<String> propertiesOf(ClassLoader service, Collection<String> more) {
        Set<String> properties = new TreeSet<>(more);
        try (InputStream yml = service.getResourceAsStream("application.yml");
             InputStream metadata = service.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            if (yml == null || metadata == null) {
                throw new IllegalStateException("application.yml or spring-configuration-metadata.json is not on the classpath");
            }
            for (Object document : new Yaml().loadAll(yml)) {
                if (document instanceof Map<?, ?> map) {
                    flatten("", map, properties);
                }
            }
            new ObjectMapper().readTree(metadata).path("properties").forEach(p -> properties.add(p.path("name").asText()));
            for (URL library : Collections.list(service.getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream libraryMetadata = library.openStream()) {
                    new ObjectMapper().readTree(libraryMetadata).path("properties").forEach(p -> {
                        if (p.path("name").asText().startsWith("postmortem.")) {
                            properties.add(p.path("name").asText());
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.remove("spring.config.activate.on-profile");
        return properties;
    }

    private static void flatten(String prefix, Map<?, ?> map, Set<String> into) {
        map.forEach((key, value) -> {
            String name = prefix + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name + ".", nested, into);
            } else {
                into.add(name);
            }
        });
    }

    /** The rows of the section {@code ## Configuration (<service>)}, by property. */
    public static Map<String, Row> rows(Path readme, String service) {
        String heading = "## Configuration (" + service + ")";
        List<String> lines;
        try {
            lines = Files.readAllLines(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = lines.indexOf(heading);
        if (start < 0) {
            throw new AssertionError(readme + " has no section \"" + heading + "\"");
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                List<String> variables = new ArrayList<>();
                Matcher variable = ENVIRONMENT_VARIABLE.matcher(row.group(3));
                while (variable.find()) {
                    variables.add(variable.group(1));
                }
                rows.put(row.group(1).trim(), new Row(row.group(1).trim(), row.group(2).trim(), variables));
            }
        }
        return rows;
    }

    /**
     * The environment variable Spring's relaxed binding reads for a property: upper case, dots to underscores, no
     * dashes. Spring also reads the older form with dashes as underscores ({@code SPRING_KAFKA_BOOTSTRAP_SERVERS}), and
     * list elements and map entries below either ({@code POSTMORTEM_SECURITY_USERS_0_NAME}).
     */
    public static String environmentVariable(String property) {
        return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /** Problems with the reference: properties without a row, and rows naming an environment variable Spring does not read. */
    public static List<String> problems(Map<String, Row> rows, Set<String> properties) {
        List<String> problems = new ArrayList<>();
        for (String property : properties) {
            if (!rows.containsKey(property)) {
                problems.add(property + ": no row");
            }
        }
        rows.values().forEach(row -> {
            String canonical = environmentVariable(row.property());
            String legacy = row.property().replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
            for (String variable : row.environment()) {
                boolean read = variable.equals(canonical) || variable.equals(legacy)
                        || variable.startsWith(canonical + "_") || variable.startsWith(legacy + "_");
                if (!read) {
                    problems.add(row.property() + ": Spring reads " + canonical + " (or " + legacy + "), not " + variable);
                }
            }
        });
        return problems;
    }
}
