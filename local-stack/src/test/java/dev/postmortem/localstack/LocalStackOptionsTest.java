package dev.postmortem.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStackOptionsTest {

    @Test
    void defaultsSuitTheRunCommand() {
        LocalStackOptions options = LocalStackOptions.parse();
        assertThat(options.dataDirectory()).isEqualTo(Path.of("data"));
        assertThat(options.postgres()).isTrue();
        assertThat(options.postgresPort()).isEqualTo(15432);
        assertThat(options.kafka()).isTrue();
        assertThat(options.kafkaPort()).isEqualTo(19092);
        assertThat(options.mongo()).isTrue();
        assertThat(options.mongoPort()).isEqualTo(17017);
        assertThat(options.elasticsearch()).isTrue();
        assertThat(options.elasticsearchPort()).isEqualTo(19200);
        assertThat(options.exitWithParent()).isFalse();
        assertThat(options.readyFile()).isNull();
    }

    @Test
    void readsEveryOption() {
        LocalStackOptions options = LocalStackOptions.parse("--data-dir", "/tmp/x", "--ready-file", "/tmp/r",
                "--exit-with-parent", "--postgres-port", "0", "--without", "postgres,mongo", "--kafka-port", "1234",
                "--mongo-port", "0");
        assertThat(options).isEqualTo(new LocalStackOptions(Path.of("/tmp/x"), Path.of("/tmp/r"), true, false, 0, true, 1234, false, 0, true, 19200));
    }

    @Test
    void rejectsWhatItDoesNotKnow() {
        assertThatThrownBy(() -> LocalStackOptions.parse("--postgres-port", "70000"))
                .hasMessageContaining("port number");
        assertThatThrownBy(() -> LocalStackOptions.parse("--without", "oracle"))
                .hasMessageContaining("oracle");
        assertThatThrownBy(() -> LocalStackOptions.parse("--data-dir"))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> LocalStackOptions.parse("--verbose"))
                .hasMessageContaining("unknown option");
    }
}
