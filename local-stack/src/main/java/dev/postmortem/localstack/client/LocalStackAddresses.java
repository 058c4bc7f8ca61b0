package dev.postmortem.localstack.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The addresses the local stack announces, and the Spring properties (and their environment variables) they
 * stand for. An address given in the environment always wins: the launcher does not start that server at all.
 */
public final class LocalStackAddresses {

    public static final String POSTGRES_JDBC_URL = "postgres.jdbc-url";
    public static final String POSTGRES_USERNAME = "postgres.username";
    public static final String POSTGRES_PASSWORD = "postgres.password";
    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";
    public static final String MONGODB_URI = "mongodb.uri";
    public static final String ELASTICSEARCH_URIS = "elasticsearch.uris";

    /** Server name (as in {@code --without}) → the environment variable that, when set, replaces it. */
    public static final Map<String, String> OVERRIDING_ENVIRONMENT = Map.of(
            "postgres", "SPRING_DATASOURCE_URL",
            "kafka", "SPRING_KAFKA_BOOTSTRAP_SERVERS",
            "mongo", "SPRING_DATA_MONGODB_URI",
            "elasticsearch", "SPRING_ELASTICSEARCH_URIS");

    private static final Map<String, String> SPRING_PROPERTIES = Map.of(
            POSTGRES_JDBC_URL, "spring.datasource.url",
            POSTGRES_USERNAME, "spring.datasource.username",
            POSTGRES_PASSWORD, "spring.datasource.password",
            KAFKA_BOOTSTRAP_SERVERS, "spring.kafka.bootstrap-servers",
            MONGODB_URI, "spring.data.mongodb.uri",
            ELASTICSEARCH_URIS, "spring.elasticsearch.uris");

    /** Server name → the address key it announces. */
    private static final Map<String, String> ADDRESS_OF = Map.of(
            "postgres", POSTGRES_JDBC_URL,
            "kafka", KAFKA_BOOTSTRAP_SERVERS,
            "mongo", MONGODB_URI,
            "elasticsearch", ELASTICSEARCH_URIS);

    private static final Pattern PORT = Pattern.compile(":(\\d+)(?=[/?,]|$)");

    private LocalStackAddresses() {
    }

    /** The port a server listens on, read from its announced address (to restart it where its clients expect it). */
    public static int port(Properties addresses, String server) {
        String key = ADDRESS_OF.get(server);
        if (key == null) {
            throw new IllegalArgumentException("unknown server " + server + "; known: " + ADDRESS_OF.keySet());
        }
        String address = addresses.getProperty(key);
        Matcher port = PORT.matcher(address == null ? "" : address);
        if (!port.find()) {
            throw new IllegalStateException("no port in the address of " + server + ": " + address);
        }
        return Integer.parseInt(port.group(1));
    }

    /** The Spring properties that point a service at the announced servers. */
    public static Map<String, String> springProperties(Properties addresses) {
        Map<String, String> result = new LinkedHashMap<>();
        addresses.stringPropertyNames().stream().sorted().forEach(key -> {
            String springKey = SPRING_PROPERTIES.get(key);
            if (springKey != null) {
                result.put(springKey, addresses.getProperty(key));
            }
        });
        return result;
    }
}
