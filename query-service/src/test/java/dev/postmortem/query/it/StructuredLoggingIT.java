package dev.postmortem.query.it;

import dev.postmortem.localstack.junit.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postmortem.localstack.junit.HttpApi;
import dev.postmortem.localstack.junit.LocalStackExtension;
import dev.postmortem.localstack.junit.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the {@code json-logs} profile the service writes one JSON object (Elastic Common Schema) per line and nothing
 * else, so that a log shipper can take its output as it is.
 */
@ExtendWith(LocalStackExtension.class)
class StructuredLoggingIT {

    @Test
    void theJsonLogsProfileWritesOneEcsObjectPerLine() throws IOException {
        Path log;
        try (ServiceProcess service = ServiceProcess.commandService(LocalStackExtension.shared(), Path.of("target"),
                "--spring.profiles.active=json-logs")) {
            new HttpApi(service.baseUrl()).as(TestUsers.AUTHOR).post("/api/postmortems", "{\"title\":\"Logged as JSON\"}").ok();
            log = service.log();
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        List<String> notJson = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                lines.add(json.readTree(line));
            } catch (IOException e) {
                notJson.add(line);
            }
        }
        assertThat(notJson).as("lines that are not JSON").isEmpty();
        assertThat(lines).hasSizeGreaterThan(5);
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.path("@timestamp").asText()).isNotBlank();
            assertThat(line.path("log").path("level").asText(line.path("log.level").asText())).isNotBlank();
            assertThat(line.path("message").asText()).isNotNull();
        });
        assertThat(lines).anySatisfy(line -> assertThat(line.path("message").asText()).contains("Started CommandServiceApplication"));
    }
}
