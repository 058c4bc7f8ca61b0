package dev.postmortem.query.it;

import dev.postmortem.localstack.junit.TestUsers;
import dev.postmortem.localstack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(LocalStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueryServiceStartsIT {

    @Autowired
    TestRestTemplate http;

    @Test
    void reportsItsHealth() {
        ResponseEntity<Map> health = http.getForEntity("/actuator/health", Map.class);
        assertThat(health.getStatusCode()).as("health %s", health.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).containsEntry("status", "UP");
    }

    @Test
    void unknownPathsAnswerWithProblemJson() {
        ResponseEntity<String> missing = http.withBasicAuth(TestUsers.READER, TestUsers.PASSWORD).getForEntity("/api/nothing-here", String.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getHeaders().getContentType()).hasToString("application/problem+json");
    }
}
