package dev.postmortem.localstack.junit;

import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.client.LocalStackProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The servers of the local stack as real containers ({@code postmortem.test.backing=testcontainers}, see
 * {@link TestBacking}): PostgreSQL, an Apache Kafka broker in KRaft mode, MongoDB (a single-node replica set) and
 * Elasticsearch without security. Each is started at most once per JVM, in parallel with the others, and reused by
 * every test; Testcontainers' Ryuk container removes them when the JVM ends, and a shutdown hook stops them first.
 * Their addresses are the same {@link LocalStackAddresses} keys the embedded stack announces, so every test runs
 * unchanged against either.
 * <p>
 * This is the only class that touches Testcontainers: {@link LocalStackExtension} reaches it only when the switch
 * is on, so with the embedded default no Testcontainers class is loaded (local-stack has Testcontainers at
 * compile time only; the services bring it on their test classpaths).
 * <p>
 * Why not {@code @ServiceConnection}: Spring Boot's {@code @ServiceConnection} (spring-boot-testcontainers) connects
 * the application context that a {@code @SpringBootTest} starts <em>in the test JVM</em>. This suite also starts
 * services as separate JVMs (query-service's tests run the command service as a child process and pass it the
 * addresses as {@code --spring.datasource.url=...} arguments), which no {@code @ServiceConnection} bean reaches.
 * Publishing the addresses as the Spring properties ({@code spring.datasource.url}, {@code spring.kafka.bootstrap-servers},
 * {@code spring.data.mongodb.uri}, {@code spring.elasticsearch.uris}) through {@link LocalStackExtension} is the one
 * route that reaches every test, in-JVM or child process, with no change to the tests. A single in-JVM test that
 * wants it could still declare e.g. {@code @Container @ServiceConnection static PostgreSQLContainer<?> postgres}
 * with spring-boot-testcontainers on its classpath; nothing here needs that.
 */
public final class TestcontainersBacking {

    /** Why the tests are skipped when the switch is on but there is nothing to run containers with. */
    public static final String NO_DOCKER = "no Docker engine found for Testcontainers"
            + " (postmortem.test.backing=testcontainers); run without the switch to use the embedded stack";

    /** Why a test of the containers themselves ({@link RequiresDocker}) is skipped, whatever the switch says. */
    public static final String NO_DOCKER_FOR_THIS_TEST = "no Docker engine found for Testcontainers; this test starts"
            + " the containers itself whatever postmortem.test.backing says, and runs only where Docker is available";

    public static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:17-alpine");
    public static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:3.9.1");
    public static final DockerImageName MONGO_IMAGE = DockerImageName.parse("mongo:7");
    public static final DockerImageName ELASTICSEARCH_IMAGE =
            DockerImageName.parse("docker.elastic.co/elasticsearch/elasticsearch:8.19.7");

    static final String DATABASE = "postmortem";
    static final String POSTGRES_USER = "postgres";
    static final String POSTGRES_PASSWORD = "postgres";

    /** Server name (as in {@link LocalStackProcess#SERVERS}) → its running container. */
    private static final Map<String, GenericContainer<?>> running = new ConcurrentHashMap<>();
    private static Boolean dockerAvailable;
    private static boolean shutdownHookAdded;

    private TestcontainersBacking() {
    }

    /**
     * Starts the named servers that are not running yet (in parallel) and returns the addresses of all the named
     * ones, as the embedded stack announces them. Aborts the calling test or test class (JUnit marks it skipped,
     * not failed) with {@link #NO_DOCKER} when there is no Docker engine; starts nothing and needs no Docker when
     * no server is named.
     *
     * @param servers server names from {@link LocalStackProcess#SERVERS}
     */
    public static synchronized Properties start(Collection<String> servers) {
        List<String> unknown = servers.stream().filter(server -> !LocalStackProcess.SERVERS.contains(server)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown server(s) " + unknown + "; known: " + LocalStackProcess.SERVERS);
        }
        Properties addresses = new Properties();
        if (servers.isEmpty()) {
            return addresses;
        }
        assumeDocker();
        Map<String, GenericContainer<?>> starting = new LinkedHashMap<>();
        for (String server : LocalStackProcess.SERVERS) {
            if (servers.contains(server) && !running.containsKey(server)) {
                starting.put(server, container(server));
            }
        }
        if (!starting.isEmpty()) {
            addShutdownHook();
            try {
                Startables.deepStart(starting.values()).join();
            } catch (CompletionException e) {
                starting.values().forEach(TestcontainersBacking::stopQuietly);
                throw new IllegalStateException("could not start the containers for " + starting.keySet(),
                        e.getCause() != null ? e.getCause() : e);
            }
            running.putAll(starting);
        }
        for (String server : LocalStackProcess.SERVERS) {
            if (servers.contains(server)) {
                publish(server, running.get(server), addresses);
            }
        }
        return addresses;
    }

    /**
     * Aborts the current test (class) with {@link #NO_DOCKER} unless Testcontainers finds a Docker engine. JUnit
     * reports an abort as skipped, not failed; but Surefire/Failsafe 3.5.x count a class aborted in
     * {@code @BeforeAll} as no tests at all (SUREFIRE-2300), which is why test classes are skipped by an
     * {@link ExecutionCondition} first ({@link LocalStackExtension}, {@link RequiresDocker}) and this is the
     * fallback for code that calls {@link #start} directly.
     */
    public static void assumeDocker() {
        if (!dockerAvailable()) {
            Assumptions.abort(NO_DOCKER);
        }
    }

    /** Whether Testcontainers finds a Docker engine; asked once per JVM. */
    public static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
        }
        return dockerAvailable;
    }

    /**
     * Skips a test class that needs the containers whatever the switch says (e.g. a test of this class itself)
     * where there is no Docker engine: {@code @ExtendWith(TestcontainersBacking.RequiresDocker.class)}. Every test
     * of the class is reported skipped with {@link #NO_DOCKER_FOR_THIS_TEST}.
     */
    public static final class RequiresDocker implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return dockerAvailable()
                    ? ConditionEvaluationResult.enabled("a Docker engine is available for Testcontainers")
                    : ConditionEvaluationResult.disabled(NO_DOCKER_FOR_THIS_TEST);
        }
    }

    private static GenericContainer<?> container(String server) {
        return switch (server) {
            case "postgres" -> new PostgreSQLContainer<>(POSTGRES_IMAGE)
                    .withDatabaseName(DATABASE)
                    .withUsername(POSTGRES_USER)
                    .withPassword(POSTGRES_PASSWORD);
            // KRaft, single node; like the embedded broker, topics are created by the services, never implicitly.
            case "kafka" -> new KafkaContainer(KAFKA_IMAGE)
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
            // The image's container is a single-node replica set already (change streams, transactions).
            case "mongo" -> new MongoDBContainer(MONGO_IMAGE);
            // As the embedded node: plain HTTP, single node, no implicit indices, no disk watermarks.
            case "elasticsearch" -> new ElasticsearchContainer(ELASTICSEARCH_IMAGE)
                    .withEnv("xpack.security.enabled", "false")
                    .withEnv("discovery.type", "single-node")
                    .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                    .withEnv("action.auto_create_index", "false")
                    .withEnv("cluster.routing.allocation.disk.threshold_enabled", "false")
                    .withEnv("ingest.geoip.downloader.enabled", "false");
            default -> throw new IllegalArgumentException("unknown server " + server);
        };
    }

    private static void publish(String server, GenericContainer<?> container, Properties addresses) {
        switch (server) {
            case "postgres" -> {
                PostgreSQLContainer<?> postgres = (PostgreSQLContainer<?>) container;
                addresses.setProperty(LocalStackAddresses.POSTGRES_JDBC_URL, postgres.getJdbcUrl());
                addresses.setProperty(LocalStackAddresses.POSTGRES_USERNAME, postgres.getUsername());
                addresses.setProperty(LocalStackAddresses.POSTGRES_PASSWORD, postgres.getPassword());
            }
            case "kafka" -> addresses.setProperty(LocalStackAddresses.KAFKA_BOOTSTRAP_SERVERS,
                    ((KafkaContainer) container).getBootstrapServers());
            case "mongo" -> addresses.setProperty(LocalStackAddresses.MONGODB_URI,
                    ((MongoDBContainer) container).getReplicaSetUrl(DATABASE));
            case "elasticsearch" -> addresses.setProperty(LocalStackAddresses.ELASTICSEARCH_URIS,
                    "http://" + ((ElasticsearchContainer) container).getHttpHostAddress());
            default -> throw new IllegalArgumentException("unknown server " + server);
        }
    }

    private static void addShutdownHook() {
        if (shutdownHookAdded) {
            return;
        }
        shutdownHookAdded = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<GenericContainer<?>> containers = new ArrayList<>(running.values());
            running.clear();
            containers.parallelStream().forEach(TestcontainersBacking::stopQuietly);
        }, "testcontainers-backing-stop"));
    }

    private static void stopQuietly(GenericContainer<?> container) {
        try {
            container.stop();
        } catch (RuntimeException ignored) {
            // Ryuk removes whatever is left when this JVM's session ends.
        }
    }
}
