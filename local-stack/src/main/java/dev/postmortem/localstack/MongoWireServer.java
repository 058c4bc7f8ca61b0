package dev.postmortem.localstack;

import de.bwaldvogel.mongo.MongoServer;
import dev.postmortem.localstack.mongo.KeyValueH2Backend;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static dev.postmortem.localstack.client.LocalStackAddresses.MONGODB_URI;

/**
 * A MongoDB wire-protocol server in Java (mongo-java-server) with its H2 backend, so the views survive restarts — the
 * project's {@link KeyValueH2Backend}, whose indexes stay fast as collections grow and whose renames keep the documents.
 * It has no transactions, no text indexes and ignores non-unique indexes: the read side is designed to need none.
 */
record MongoWireServer(MongoServer server, int port) implements EmbeddedServer {

    static final String DATABASE = "postmortem";

    static MongoWireServer start(Path dataDirectory, int port) throws IOException {
        Files.createDirectories(dataDirectory);
        MongoServer server = new MongoServer(new KeyValueH2Backend(dataDirectory.resolve("mongo.mv").toAbsolutePath().toString()));
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        return new MongoWireServer(server, address.getPort());
    }

    @Override
    public Properties addresses() {
        Properties properties = new Properties();
        // Fail within seconds when the server is away (a health check, a query), not after the driver default of 30 s.
        properties.setProperty(MONGODB_URI, "mongodb://127.0.0.1:" + port + "/" + DATABASE + "?serverSelectionTimeoutMS=5000");
        return properties;
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
