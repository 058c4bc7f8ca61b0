package dev.postmortem.localstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Command-line options of {@link LocalStack}. A port of 0 picks a free one. */
record LocalStackOptions(Path dataDirectory, Path readyFile, boolean exitWithParent,
                         boolean postgres, int postgresPort, boolean kafka, int kafkaPort, boolean mongo, int mongoPort,
                         boolean elasticsearch, int elasticsearchPort) {

    static final List<String> SERVERS = List.of("postgres", "kafka", "mongo", "elasticsearch");

    static final String USAGE = """
            usage: local-stack [--data-dir DIR] [--ready-file FILE] [--exit-with-parent]
                               [--without postgres,kafka,mongo,elasticsearch] [--postgres-port PORT]
                               [--kafka-port PORT] [--mongo-port PORT] [--elasticsearch-port PORT]
              --data-dir DIR       where the servers keep their data (default ./data); kept across restarts
              --ready-file FILE    write the servers' addresses here (Java properties) once all are up
              --exit-with-parent   stop when standard input closes (used by the test launcher)
              --without NAMES      comma-separated servers not to start (given elsewhere), or "none"
              --postgres-port P    PostgreSQL port (default 15432; 0 = any free port)
              --kafka-port P       Kafka broker port (default 19092; 0 = any free port)
              --mongo-port P       MongoDB-wire server port (default 17017; 0 = any free port)
              --elasticsearch-port P  Elasticsearch HTTP port (default 19200; 0 = any free port)""";

    static LocalStackOptions parse(String... args) {
        Path dataDirectory = Path.of("data");
        Path readyFile = null;
        boolean exitWithParent = false;
        Set<String> without = new TreeSet<>();
        int postgresPort = 15432;
        int kafkaPort = 19092;
        int mongoPort = 17017;
        int elasticsearchPort = 19200;
        Iterator<String> it = Arrays.asList(args).iterator();
        while (it.hasNext()) {
            String arg = it.next();
            switch (arg) {
                case "--data-dir" -> dataDirectory = Path.of(value(arg, it));
                case "--ready-file" -> readyFile = Path.of(value(arg, it));
                case "--exit-with-parent" -> exitWithParent = true;
                case "--without" -> without.addAll(Arrays.asList(value(arg, it).split(",")));
                case "--postgres-port" -> postgresPort = port(arg, value(arg, it));
                case "--kafka-port" -> kafkaPort = port(arg, value(arg, it));
                case "--mongo-port" -> mongoPort = port(arg, value(arg, it));
                case "--elasticsearch-port" -> elasticsearchPort = port(arg, value(arg, it));
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        without.removeAll(Set.of("none", ""));
        Set<String> unknown = new TreeSet<>(without);
        unknown.removeAll(SERVERS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown server(s) in --without: " + unknown);
        }
        return new LocalStackOptions(dataDirectory, readyFile, exitWithParent, !without.contains("postgres"), postgresPort,
                !without.contains("kafka"), kafkaPort, !without.contains("mongo"), mongoPort,
                !without.contains("elasticsearch"), elasticsearchPort);
    }

    private static String value(String option, Iterator<String> it) {
        if (!it.hasNext()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return it.next();
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a port number (0-65535), not '" + value + "'");
        }
    }
}
