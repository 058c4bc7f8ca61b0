package dev.postmortem.web.backend;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postmortem.web.WebUiProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The two services, called on behalf of the person signed in: every request carries their token ({@link Credentials}:
 * one the web UI signs for them, or their own from the organisation's issuer), so every event's actor is that person
 * and every read shows what they may see. Reads go to
 * the query service, writes to the command service; a refusal becomes a {@link BackendProblem}, silence a
 * {@link BackendUnavailable}.
 */
@Component
public class Backend {

    private final RestClient commands;
    private final RestClient queries;
    private final String commandService;
    private final String queryService;
    private final Credentials credentials;
    private final ObjectMapper json;

    Backend(WebUiProperties properties, Credentials credentials, ObjectMapper json) {
        this.commands = client(properties.commandService(), properties);
        this.queries = client(properties.queryService(), properties);
        this.commandService = withoutTrailingSlash(properties.commandService());
        this.queryService = withoutTrailingSlash(properties.queryService());
        this.credentials = credentials;
        this.json = json;
    }

    private static RestClient client(URI base, WebUiProperties properties) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(properties.timeout()).build());
        requests.setReadTimeout(properties.timeout());
        return RestClient.builder().requestFactory(requests).build();
    }

    private static String withoutTrailingSlash(URI base) {
        String url = base.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Paths and queries come encoded already (each page encodes what it puts in), so they are not encoded again. */
    private static URI at(String base, String encodedPathAndQuery) {
        return URI.create(base + encodedPathAndQuery);
    }

    /** A JSON document from the query service. */
    public JsonNode read(String path) {
        return call("query service", () -> queries.get().uri(at(queryService, path)).headers(this::asPerson).accept(MediaType.APPLICATION_JSON)
                .retrieve().onStatus(HttpStatusCode::isError, (request, response) -> refuse(response)).body(JsonNode.class));
    }

    /** A JSON document from the query service, read as {@code type}. */
    public <T> T read(String path, Class<T> type) {
        return json.convertValue(read(path), type);
    }

    /** A JSON document from the query service, read as a generic type (a page of summaries, ...). */
    public <T> T read(String path, TypeReference<T> type) {
        return json.convertValue(read(path), type);
    }

    /** A JSON document from the command service (the severity scale). */
    public JsonNode readCommands(String path) {
        return call("command service", () -> commands.get().uri(at(commandService, path)).headers(this::asPerson).accept(MediaType.APPLICATION_JSON)
                .retrieve().onStatus(HttpStatusCode::isError, (request, response) -> refuse(response)).body(JsonNode.class));
    }

    /** A text document from the query service (the Markdown export). */
    public String readText(String path, MediaType type) {
        return call("query service", () -> queries.get().uri(at(queryService, path)).headers(this::asPerson).accept(type)
                .retrieve().onStatus(HttpStatusCode::isError, (request, response) -> refuse(response)).body(String.class));
    }

    /** A write to the command service; {@code version} (If-Match) null to write whatever the current version is. */
    public Written write(HttpMethod method, String path, Object body, Long version) {
        JsonNode answer = call("command service", () -> {
            RestClient.RequestBodySpec request = commands.method(method).uri(at(commandService, path)).headers(this::asPerson)
                    .accept(MediaType.APPLICATION_JSON).contentType(MediaType.APPLICATION_JSON);
            if (version != null) {
                request.header(HttpHeaders.IF_MATCH, "\"" + version + "\"");
            }
            if (body != null) {
                request.body(body);
            }
            return request.retrieve().onStatus(HttpStatusCode::isError, (r, response) -> refuse(response)).body(JsonNode.class);
        });
        List<Map<String, Object>> warnings = new ArrayList<>();
        answer.path("warnings").forEach(warning -> warnings.add(json.convertValue(warning, Map.class)));
        return new Written(answer.path("postMortemId").asText(null), answer.path("id").asText(null), answer.path("version").asLong(),
                warnings);
    }

    /** A file sent as it is to the command service (an incident's log, for the timeline import's preview). */
    public JsonNode send(String path, byte[] file, MediaType type) {
        return call("command service", () -> commands.post().uri(at(commandService, path)).headers(this::asPerson)
                .accept(MediaType.APPLICATION_JSON).contentType(type).body(file)
                .retrieve().onStatus(HttpStatusCode::isError, (r, response) -> refuse(response)).body(JsonNode.class));
    }

    private void asPerson(HttpHeaders headers) {
        Authentication person = SecurityContextHolder.getContext().getAuthentication();
        if (person == null || !person.isAuthenticated()) {
            throw new IllegalStateException("a page called a service without a person signed in");
        }
        headers.setBearerAuth(credentials.bearerFor(person));
        headers.set("X-Requested-With", "web-ui");
    }

    private void refuse(ClientHttpResponse response) throws IOException {
        JsonNode problem;
        try {
            problem = json.readTree(response.getBody());
        } catch (IOException notJson) {
            problem = json.createObjectNode();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        problem.path("errors").forEach(error -> fields.merge(error.path("field").asText(""), error.path("message").asText(""),
                (a, b) -> a + "; " + b));
        String type = problem.path("type").asText("");
        throw new BackendProblem(response.getStatusCode().value(), type.substring(type.lastIndexOf(':') + 1),
                problem.path("detail").asText(response.getStatusText()), fields,
                problem.has("currentVersion") ? problem.path("currentVersion").asLong() : null);
    }

    private static <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceAccessException e) {
            throw new BackendUnavailable(service, e);
        }
    }
}
