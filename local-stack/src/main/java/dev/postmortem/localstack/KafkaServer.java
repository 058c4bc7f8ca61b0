package dev.postmortem.localstack;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static dev.postmortem.localstack.client.LocalStackAddresses.KAFKA_BOOTSTRAP_SERVERS;

/**
 * A real Apache Kafka broker in KRaft mode (broker and controller in one node), from the kafka_2.13 jars. Its log
 * directory is formatted once and kept, so topics and offsets survive a restart on the same data directory.
 */
record KafkaServer(KafkaRaftServer server, int port) implements EmbeddedServer {

    static KafkaServer start(Path dataDirectory, int port) throws Exception {
        Files.createDirectories(dataDirectory);
        int brokerPort = port != 0 ? port : freePort();
        int controllerPort = freePort();
        Path logs = dataDirectory.resolve("logs");
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        properties.put("log.dirs", logs.toAbsolutePath().toString());
        // One node: internal topics cannot be replicated.
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        properties.put("auto.create.topics.enable", "false");
        KafkaConfig config = KafkaConfig.fromProps(properties);

        if (!Files.exists(logs.resolve("meta.properties"))) {
            format(logs);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return new KafkaServer(server, brokerPort);
    }

    /** Formats the log directory once, as kafka-storage.sh format would; a restart keeps cluster id and data. */
    private static void format(Path logs) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logs.toAbsolutePath().toString())
                .addDirectory(logs.toAbsolutePath().toString())
                .run();
    }

    @Override
    public Properties addresses() {
        Properties properties = new Properties();
        properties.setProperty(KAFKA_BOOTSTRAP_SERVERS, "127.0.0.1:" + port);
        return properties;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
