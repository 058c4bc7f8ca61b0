package dev.postmortem.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.client.LocalStackProcess;
import dev.postmortem.localstack.junit.TestcontainersBacking;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Testcontainers backing itself, whatever {@code postmortem.test.backing} says: starts (or reuses) the four
 * containers and talks to each at the address it announces. Skipped, with the reason, where there is no Docker
 * engine (as on the CI machines here); {@link TestcontainersBacking#start} would abort too.
 * (Not named {@code Testcontainers...IT}: Surefire's default includes take {@code Test*} classes as unit tests.)
 */
@ExtendWith(TestcontainersBacking.RequiresDocker.class)
class ContainersBackingIT {

    private static Properties addresses;

    @BeforeAll
    static void startContainers() {
        addresses = TestcontainersBacking.start(LocalStackProcess.SERVERS);
    }

    @Test
    void announcesEverySpringPropertyTheEmbeddedStackDoes() {
        assertThat(LocalStackAddresses.springProperties(addresses)).containsOnlyKeys(
                "spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "spring.kafka.bootstrap-servers", "spring.data.mongodb.uri", "spring.elasticsearch.uris");
    }

    @Test
    void postgresAnswersASelect() throws Exception {
        assertThat(addresses.getProperty(LocalStackAddresses.POSTGRES_JDBC_URL)).startsWith("jdbc:postgresql://").contains("/postmortem");
        try (Connection connection = DriverManager.getConnection(addresses.getProperty(LocalStackAddresses.POSTGRES_JDBC_URL),
                addresses.getProperty(LocalStackAddresses.POSTGRES_USERNAME), addresses.getProperty(LocalStackAddresses.POSTGRES_PASSWORD));
             Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("select 1")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getInt(1)).isEqualTo(1);
            }
            try (ResultSet result = statement.executeQuery("show server_version")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getString(1)).startsWith("17.");
            }
        }
    }

    @Test
    void kafkaDescribesItsCluster() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, addresses.getProperty(LocalStackAddresses.KAFKA_BOOTSTRAP_SERVERS),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000))) {
            DescribeClusterResult cluster = admin.describeCluster();
            assertThat(cluster.nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
            assertThat(cluster.clusterId().get(30, TimeUnit.SECONDS)).isNotBlank();
            assertThat(cluster.controller().get(30, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void mongoAnswersAPingAsAReplicaSet() {
        String uri = addresses.getProperty(LocalStackAddresses.MONGODB_URI);
        assertThat(uri).startsWith("mongodb://").endsWith("/postmortem");
        try (MongoClient client = MongoClients.create(uri)) {
            Document ping = client.getDatabase("postmortem").runCommand(new Document("ping", 1));
            assertThat(((Number) ping.get("ok")).doubleValue()).isEqualTo(1.0);
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.getString("setName")).as("replica set name").isNotBlank();
        }
    }

    @Test
    void elasticsearchReportsAHealthyCluster() throws Exception {
        String uri = addresses.getProperty(LocalStackAddresses.ELASTICSEARCH_URIS);
        assertThat(uri).startsWith("http://");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri + "/_cluster/health"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode health = new ObjectMapper().readTree(response.body());
        assertThat(health.path("status").asText()).isIn("green", "yellow");
        assertThat(health.path("number_of_nodes").asInt()).isEqualTo(1);
    }
}
