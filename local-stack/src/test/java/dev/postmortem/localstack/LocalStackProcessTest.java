package dev.postmortem.localstack;

import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.client.LocalStackProcess;
import dev.postmortem.localstack.junit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts the real stack in its own JVM, as the run command and the services' integration tests do. */
class LocalStackProcessTest {

    private static Path dataDirectory;

    @BeforeAll
    static void createDirectory() {
        dataDirectory = LocalStackExtension.newDataDirectory();
    }

    @AfterAll
    static void deleteDirectory() {
        LocalStackExtension.deleteRecursively(dataDirectory);
    }

    @Test
    void postgresIsDurableAndKeepsItsDataAcrossARestart() throws Exception {
        try (LocalStackProcess stack = LocalStackProcess.start(dataDirectory, List.of("kafka", "mongo", "elasticsearch"))) {
            try (Connection connection = connect(stack.addresses()); Statement sql = connection.createStatement()) {
                assertThat(setting(sql, "fsync")).isEqualTo("on");
                assertThat(setting(sql, "synchronous_commit")).isEqualTo("on");
                assertThat(setting(sql, "full_page_writes")).isEqualTo("on");
                sql.execute("CREATE TABLE survivor (name TEXT)");
                sql.execute("INSERT INTO survivor VALUES ('still here')");
            }
        }
        try (LocalStackProcess stack = LocalStackProcess.start(dataDirectory, List.of("kafka", "mongo", "elasticsearch"));
             Connection connection = connect(stack.addresses());
             Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("SELECT name FROM survivor")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("still here");
        }
    }

    @Test
    void aServerGivenElsewhereIsNotStarted() {
        Path elsewhere = dataDirectory.resolve("without");
        try (LocalStackProcess stack = LocalStackProcess.start(elsewhere, List.of("postgres", "kafka", "mongo", "elasticsearch"))) {
            assertThat(stack.addresses()).isEmpty();
        }
    }

    @Test
    void kafkaAndMongoKeepTheirDataAcrossARestartOnTheSamePorts() throws Exception {
        Path directory = dataDirectory.resolve("kafka-mongo");
        Map<String, Integer> ports;
        try (LocalStackProcess stack = LocalStackProcess.start(directory, List.of("postgres", "elasticsearch"))) {
            Properties addresses = stack.addresses();
            String bootstrap = addresses.getProperty(LocalStackAddresses.KAFKA_BOOTSTRAP_SERVERS);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("restart.check", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("restart.check", "k", "kept")).get(30, TimeUnit.SECONDS);
            }
            try (MongoClient mongo = MongoClients.create(addresses.getProperty(LocalStackAddresses.MONGODB_URI))) {
                mongo.getDatabase("postmortem").getCollection("check").insertOne(new Document("_id", "kept"));
            }
            ports = Map.of("kafka", Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1)),
                    "mongo", Integer.parseInt(addresses.getProperty(LocalStackAddresses.MONGODB_URI).replaceAll(".*:(\\d+)/.*", "$1")));
        }
        try (LocalStackProcess stack = LocalStackProcess.start(directory, List.of("postgres", "elasticsearch"), ports)) {
            Properties addresses = stack.addresses();
            assertThat(addresses.getProperty(LocalStackAddresses.KAFKA_BOOTSTRAP_SERVERS)).endsWith(":" + ports.get("kafka"));
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, addresses.getProperty(LocalStackAddresses.KAFKA_BOOTSTRAP_SERVERS),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.GROUP_ID_CONFIG, "check"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("restart.check"));
                List<String> values = new ArrayList<>();
                long deadline = System.currentTimeMillis() + 30_000;
                while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
                }
                assertThat(values).containsExactly("kept");
            }
            try (MongoClient mongo = MongoClients.create(addresses.getProperty(LocalStackAddresses.MONGODB_URI))) {
                assertThat(mongo.getDatabase("postmortem").getCollection("check").countDocuments()).isEqualTo(1);
            }
        }
    }

    @Test
    void elasticsearchIndexesSearchesAndKeepsItsIndexAcrossARestart() throws Exception {
        Path directory = dataDirectory.resolve("elasticsearch");
        List<String> onlyElasticsearch = List.of("postgres", "kafka", "mongo");
        HttpClient http = HttpClient.newHttpClient();
        String uri;
        try (LocalStackProcess stack = LocalStackProcess.start(directory, onlyElasticsearch)) {
            uri = stack.addresses().getProperty(LocalStackAddresses.ELASTICSEARCH_URIS);
            assertThat(send(http, "PUT", uri + "/incidents", "{\"mappings\":{\"properties\":{\"title\":{\"type\":\"text\"}}}}"))
                    .contains("\"acknowledged\":true");
            assertThat(send(http, "PUT", uri + "/incidents/_doc/1?refresh=true", "{\"title\":\"Deletions were restored\"}"))
                    .contains("\"result\":\"created\"");
        }
        int port = Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1));
        try (LocalStackProcess stack = LocalStackProcess.start(directory, onlyElasticsearch, Map.of("elasticsearch", port))) {
            String again = stack.addresses().getProperty(LocalStackAddresses.ELASTICSEARCH_URIS);
            assertThat(again).isEqualTo(uri);
            String health = send(http, "GET", again + "/_cluster/health?wait_for_status=yellow&timeout=30s", null);
            assertThat(health).contains("\"number_of_nodes\":1");
            assertThat(send(http, "GET", again + "/incidents/_search?q=title:restored", null)).contains("\"value\":1");
            String tokens = send(http, "POST", again + "/_analyze",
                    "{\"analyzer\":\"english\",\"text\":\"The deletions were restored quickly\"}");
            assertThat(tokens).as("the real server's english analysis").contains("\"delet\"", "\"were\"", "\"restor\"", "\"quickli\"")
                              .doesNotContain("\"the\"");
        }
    }

    private static String send(HttpClient http, String method, String uri, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Connection connect(Properties addresses) throws Exception {
        return DriverManager.getConnection(addresses.getProperty(LocalStackAddresses.POSTGRES_JDBC_URL),
                addresses.getProperty(LocalStackAddresses.POSTGRES_USERNAME),
                addresses.getProperty(LocalStackAddresses.POSTGRES_PASSWORD));
    }

    private static String setting(Statement sql, String name) throws Exception {
        try (ResultSet rs = sql.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
