package dev.postmortem.query.config;

import dev.postmortem.query.QueryProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryPropertiesTest {

    private static QueryProperties withInstanceId(String id) {
        return new QueryProperties("postmortem.events", Duration.ofSeconds(5), "query-service-kpis", Duration.ofDays(90),
                Duration.ofHours(1), id, false);
    }

    @Test
    void aConsumerInstanceIdIsOptional() {
        assertThat(withInstanceId(null).consumerInstanceId()).isNull();
        assertThat(withInstanceId("  ").consumerInstanceId()).as("blank, as an empty environment variable gives it").isNull();
        assertThat(withInstanceId("query-service-0.eu_1").consumerInstanceId()).isEqualTo("query-service-0.eu_1");
    }

    @Test
    void aConsumerInstanceIdKafkaWouldRefuseStopsTheStart() {
        assertThatThrownBy(() -> withInstanceId("query service/1")).isInstanceOf(IllegalArgumentException.class)
                                                                   .hasMessageContaining("postmortem.query.consumer-instance-id")
                                                                   .hasMessageContaining("query service/1");
        assertThatThrownBy(() -> withInstanceId("x".repeat(201))).isInstanceOf(IllegalArgumentException.class);
    }
}
