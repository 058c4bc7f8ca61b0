package dev.postmortem.query.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A small HTTP client for the tests: JSON in, status, headers and JSON out; 4xx/5xx are answers, not exceptions. */
final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestTemplate http;
    private final String baseUrl;

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = new RestTemplate(new JdkClientHttpRequestFactory());
        this.http.setErrorHandler(response -> false);
    }

    Response post(String path, String json, String... headers) {
        return call(HttpMethod.POST, path, json, headers);
    }

    Response put(String path, String json, String... headers) {
        return call(HttpMethod.PUT, path, json, headers);
    }

    Response delete(String path, String... headers) {
        return call(HttpMethod.DELETE, path, null, headers);
    }

    Response get(String path, String... headers) {
        return call(HttpMethod.GET, path, null, headers);
    }

    /** Headers as name, value, name, value, ... */
    Response call(HttpMethod method, String path, String body, String... headers) {
        HttpHeaders requestHeaders = new HttpHeaders();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            requestHeaders.add(headers[i], headers[i + 1]);
        }
        if (body != null && requestHeaders.getContentType() == null) {
            requestHeaders.setContentType(MediaType.APPLICATION_JSON);
        }
        // Paths are written as a person would type them; encode what must be encoded (spaces, braces, quotes).
        URI uri = UriComponentsBuilder.fromUriString(baseUrl + path).build().encode().toUri();
        ResponseEntity<String> response = http.exchange(uri, method, new HttpEntity<>(body, requestHeaders), String.class);
        return new Response(response);
    }

    static String json(Map<String, ?> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Response(ResponseEntity<String> entity) {

        int status() {
            return entity.getStatusCode().value();
        }

        JsonNode body() {
            try {
                return entity.getBody() == null ? JSON.nullNode() : JSON.readTree(entity.getBody());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + entity.getBody(), e);
            }
        }

        String header(String name) {
            return entity.getHeaders().getFirst(name);
        }

        long version() {
            return body().path("version").asLong(-1);
        }

        /** Asserts a 2xx answer and returns it, with the body in the message when it is not. */
        Response ok() {
            assertThat(status()).as("status of %s", entity.getBody()).isBetween(200, 299);
            return this;
        }

        /** Asserts an RFC 9457 problem with this status and returns its body. */
        JsonNode problem(int expectedStatus) {
            assertThat(status()).as("status of %s", entity.getBody()).isEqualTo(expectedStatus);
            assertThat(entity.getHeaders().getContentType()).hasToString("application/problem+json");
            JsonNode problem = body();
            assertThat(problem.path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(problem.path("type").asText()).startsWith("urn:problem-type:postmortem:");
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(problem.path("detail").asText()).isNotBlank();
            return problem;
        }
    }
}
