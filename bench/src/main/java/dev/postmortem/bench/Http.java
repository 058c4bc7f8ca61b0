package dev.postmortem.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small blocking HTTP/1.1 client for one service and one user; one instance is shared by all driver threads. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String authorization;

    Http(String base, String user, String password) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    record Answer(int status, String body, String etag) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        long version() {
            return etag == null ? -1 : Long.parseLong(etag.replace("\"", "").replace("W/", ""));
        }
    }

    Answer send(String method, String path, Object body) {
        return send(method, path, body, Duration.ofSeconds(60));
    }

    Answer send(String method, String path, Object body, Duration timeout) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                    .header("Authorization", authorization);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
                if (!method.equals("GET")) {
                    // a change without a body says it is no cross-site form (CrossSiteRequestGuard)
                    request.header("X-Requested-With", "bench");
                }
            } else {
                request.header("Content-Type", "application/json")
                       .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A 2xx answer, or an exception naming the call and the problem the service answered with. */
    Answer ok(String method, String path, Object body) {
        Answer answer = send(method, path, body);
        if (answer.status() < 200 || answer.status() > 299) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.status() + ": " + answer.body());
        }
        return answer;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
