package dev.postmortem.localstack.junit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' tests talk HTTP through this small client: JSON in; status, headers and JSON out. 4xx and 5xx are
 * answers to assert on, not exceptions. Paths are written as a person would type them (spaces, braces and quotes
 * in a query are encoded here).
 */
public final class HttpApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final String authorization;

    /** Anonymous: no credentials are sent. */
    public HttpApi(String baseUrl) {
        this(URI.create(baseUrl), null);
    }

    private HttpApi(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** The same API, calling as this local user (HTTP Basic). */
    public HttpApi as(String user, String password) {
        String credentials = Base64.getEncoder()
                                             .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new HttpApi(base, "Basic " + credentials);
    }

    /** The same API, calling with this bearer token. */
    public HttpApi withBearer(String token) {
        return new HttpApi(base, "Bearer " + token);
    }

    /** The same API as one of the {@link TestUsers}. */
    public HttpApi as(String testUser) {
        return as(testUser, TestUsers.password(testUser));
    }

    public Response get(String path, String... headers) {
        return call("GET", path, null, headers);
    }

    public Response post(String path, String json, String... headers) {
        return call("POST", path, json, headers);
    }

    public Response put(String path, String json, String... headers) {
        return call("PUT", path, json, headers);
    }

    public Response delete(String path, String... headers) {
        return call("DELETE", path, null, headers);
    }

    /**
     * Headers as name, value, name, value, ...; a body is sent as application/json unless a Content-Type is given. A
     * change without a body carries {@code X-Requested-With}, as any API client must (a cross-site form cannot).
     */
    public Response call(String method, String path, String body, String... headers) {
        boolean contentType = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            contentType |= headers[i].equalsIgnoreCase("Content-Type");
        }
        if (body != null && !contentType) {
            headers = with(headers, "Content-Type", "application/json");
        } else if (body == null && !Set.of("GET", "HEAD", "OPTIONS").contains(method)) {
            headers = with(headers, "X-Requested-With", "HttpApi");
        }
        return exchange(method, uri(path), body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    private static String[] with(String[] headers, String name, String value) {
        String[] more = Arrays.copyOf(headers, headers.length + 2);
        more[more.length - 2] = name;
        more[more.length - 1] = value;
        return more;
    }

    /**
     * Sends exactly this: the path and query as given (already percent-encoded, nothing is encoded here), these body
     * bytes (which need not be UTF-8, nor JSON) and these headers only (no Content-Type is added, so a body can go
     * without one).
     */
    public Response send(String method, String encodedPathAndQuery, byte[] body, String... headers) {
        return exchange(method, URI.create(base + encodedPathAndQuery), body, headers);
    }

    private Response exchange(String method, URI uri, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return new Response(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        int query = path.indexOf('?');
        try {
            return new URI(base.getScheme(), null, base.getHost(), base.getPort(),
                    query < 0 ? path : path.substring(0, query), query < 0 ? null : path.substring(query + 1), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    public static String json(Map<String, ?> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One answer. */
    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public JsonNode body() {
            try {
                return raw.body() == null || raw.body().isEmpty() ? JSON.nullNode() : JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + raw.body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public long version() {
            return body().path("version").asLong(-1);
        }

        /** Asserts a 2xx answer and returns it, with the body in the message when it is not. */
        public Response ok() {
            assertThat(status()).as("status of %s", raw.body()).isBetween(200, 299);
            return this;
        }

        /** Asserts an RFC 9457 problem with this status and returns its body. */
        public JsonNode problem(int expectedStatus) {
            assertThat(status()).as("status of %s", raw.body()).isEqualTo(expectedStatus);
            assertThat(header("Content-Type")).isEqualTo("application/problem+json");
            JsonNode problem = body();
            assertThat(problem.path("status").asInt()).isEqualTo(expectedStatus);
            assertThat(problem.path("type").asText()).startsWith("urn:problem-type:postmortem:");
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(problem.path("detail").asText()).isNotBlank();
            assertThat(problem.has("errors")).as("errors member").isTrue();
            return problem;
        }
    }
}
