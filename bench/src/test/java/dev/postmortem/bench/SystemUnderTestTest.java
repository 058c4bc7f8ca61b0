package dev.postmortem.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SystemUnderTestTest {

    @Test
    void namesTheEnvironmentVariableSpringBootReadsForAServerAddress() {
        assertThat(SystemUnderTest.environmentName("spring.data.mongodb.uri")).isEqualTo("SPRING_DATA_MONGODB_URI");
        assertThat(SystemUnderTest.environmentName("spring.kafka.bootstrap-servers")).isEqualTo("SPRING_KAFKA_BOOTSTRAPSERVERS");
        assertThat(SystemUnderTest.environmentName("spring.datasource.url")).isEqualTo("SPRING_DATASOURCE_URL");
    }
}
