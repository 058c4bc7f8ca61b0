package dev.postmortem.query.it;

import dev.postmortem.localstack.junit.LocalStackExtension;
import dev.postmortem.localstack.junit.TestUsers;
import dev.postmortem.query.kpis.KpiListener;
import dev.postmortem.query.postmortem.ViewsListener;
import dev.postmortem.query.search.SearchListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

@ExtendWith(LocalStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueryServiceStartsIT {

    @Autowired
    TestRestTemplate http;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void reportsItsHealth() {
        ResponseEntity<Map> health = http.getForEntity("/actuator/health", Map.class);
        assertThat(health.getStatusCode()).as("health %s", health.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).containsEntry("status", "UP");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> projections(ResponseEntity<Map> health) {
        return map(map(health.getBody().get("components")).get("projections"));
    }

    @Test
    void aStoppedProjectionMakesHealthDownUntilItRunsAgain() {
        TestRestTemplate admin = http.withBasicAuth(TestUsers.ADMIN, TestUsers.password(TestUsers.ADMIN));
        Map<String, Object> projections = projections(admin.getForEntity("/actuator/health", Map.class));
        assertThat(projections).as("projections component").containsEntry("status", "UP");
        assertThat(map(projections.get("details"))).containsOnly(entry(ViewsListener.ID, "running"), entry(SearchListener.ID, "running"),
                entry(KpiListener.ID, "running"));

        MessageListenerContainer views = listeners.getListenerContainer(ViewsListener.ID);
        views.stop();
        try {
            ResponseEntity<Map> health = admin.getForEntity("/actuator/health", Map.class);
            assertThat(health.getStatusCode()).as("health %s", health.getBody()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            Map<String, Object> down = projections(health);
            assertThat(down).containsEntry("status", "DOWN");
            assertThat(map(down.get("details"))).containsEntry(ViewsListener.ID, "stopped").containsEntry(SearchListener.ID, "running");
            assertThat(http.getForEntity("/actuator/health/readiness", Map.class).getStatusCode())
                    .as("readiness: the views still answer with what they have").isEqualTo(HttpStatus.OK);
        } finally {
            views.start();
        }
        assertThat(admin.getForEntity("/actuator/health", Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void unknownPathsAnswerWithProblemJson() {
        ResponseEntity<String> missing = http.withBasicAuth(TestUsers.READER, TestUsers.password(TestUsers.READER)).getForEntity("/api/nothing-here", String.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getHeaders().getContentType()).hasToString("application/problem+json");
    }

    @Test
    void aMalformedFormBodyOnAPutIsAProblemNotA500() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> answer = http.withBasicAuth(TestUsers.ADMIN, TestUsers.password(TestUsers.ADMIN))
                .exchange("/api/postmortems", HttpMethod.PUT, new HttpEntity<>("a=%\"]", headers), String.class);
        assertThat(answer.getStatusCode().is4xxClientError()).as("was a 500 (Spring's form filter): %s", answer).isTrue();
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
    }
}
