package dev.postmortem.localstack;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.EmbeddedNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static dev.postmortem.localstack.client.LocalStackAddresses.ELASTICSEARCH_URIS;

/**
 * A real Elasticsearch 8.19 node (single-node discovery, HTTP on loopback only, no security) with its data kept in
 * the data directory. Its circuit breakers count what the node reserves, not the heap of the JVM it shares.
 */
record ElasticsearchServer(Node node, int port) implements EmbeddedServer {

    static ElasticsearchServer start(Path home, int port) throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.createDirectories(home.resolve("data"));
        int httpPort = port != 0 ? port : KafkaServer.freePort();
        Settings settings = Settings.builder()
                .put("path.home", home.toAbsolutePath().toString())
                .put("path.data", home.resolve("data").toAbsolutePath().toString())
                .put("node.name", "local-stack")
                .put("cluster.name", "postmortem-local")
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                .put("transport.port", 0)
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .put("action.auto_create_index", false)
                // The node shares its JVM with Kafka and the read store: the parent breaker's default, the heap the
                // whole JVM uses, refused searches with 429 once the others' garbage filled it (seen at 10,000
                // post-mortems). It counts what Elasticsearch itself reserves instead.
                .put("indices.breaker.total.use_real_memory", false)
                .build();
        LogConfigurator.configureWithoutConfig(settings);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), home.resolve("config"), () -> "local-stack");
        Node node = new EmbeddedNode(environment, List.of(Netty4Plugin.class, EnglishAnalysisPlugin.class));
        node.start();
        return new ElasticsearchServer(node, httpPort);
    }

    @Override
    public Properties addresses() {
        Properties properties = new Properties();
        properties.setProperty(ELASTICSEARCH_URIS, "http://127.0.0.1:" + port);
        return properties;
    }

    @Override
    public void close() throws Exception {
        node.close();
        node.awaitClose(30, TimeUnit.SECONDS);
    }
}
