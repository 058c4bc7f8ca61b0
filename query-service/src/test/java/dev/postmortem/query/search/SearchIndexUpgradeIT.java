package dev.postmortem.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postmortem.localstack.client.LocalStackAddresses;
import dev.postmortem.localstack.junit.LocalStackExtension;
import dev.postmortem.query.postmortem.PostMortemView;
import dev.postmortem.query.stream.EventJson;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: an index made before the labels (tags, services and teams as words) is brought up to date at start-up:
 * the fields it lacks are added, every document is written again from its stored view, and free text then finds a
 * tag's word, open and restricted alike; the fields it had keep their mapping.
 */
@ExtendWith(LocalStackExtension.class)
class SearchIndexUpgradeIT {

    private final String alias = "upgrade-" + UUID.randomUUID();
    private final String old = alias + "-1";
    private final RestClient rest = RestClient.builder(HttpHost.create(
            LocalStackExtension.shared().getProperty(LocalStackAddresses.ELASTICSEARCH_URIS))).build();
    private final ElasticsearchClient client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(EventJson.MAPPER)));

    @AfterEach
    void deleteIndex() throws IOException {
        client.indices().delete(d -> d.index(old));
        rest.close();
    }

    @Test
    void anIndexMadeBeforeTheLabelsGetsThemAndItsDocumentsAreWrittenAgain() throws IOException {
        String definition = resource("/search/postmortems-index-before-labels.json").replace("\"__REPLICAS__\"", "0")
                                                                                    .replace("__REFRESH_INTERVAL__", "1s");
        client.indices().create(c -> c.index(old).withJson(new StringReader(definition)));
        client.indices().putAlias(a -> a.index(old).name(alias).isWriteIndex(true));
        writeAsBefore(old, view("open", List.of("connection-pool"), null));
        writeAsBefore(old, view("restricted", List.of("vault-token"), List.of("group:security")));

        new SearchIndex(client, new SearchProperties(alias, "unused", 0, Duration.ofSeconds(1))).ensureExists();

        Map<String, Property> mapped = client.indices().getMapping(m -> m.index(alias)).result().get(old).mappings().properties();
        assertThat(mapped).containsKey("labels");
        assertThat(mapped.get("restricted").object().properties()).containsKey("labels");
        assertThat(mapped.get("title").text().indexOptions()).as("a field it had keeps its mapping").isNull();
        assertThat(found("labels", "pool")).containsExactly("open");
        assertThat(found("restricted.labels", "vault")).containsExactly("restricted");
        assertThat(found("labels", "vault")).as("restricted words stay out of the open fields").isEmpty();
    }

    private static PostMortemView view(String id, List<String> tags, List<String> visibleTo) {
        PostMortemView view = new PostMortemView();
        view.id = id;
        view.version = 3;
        view.title = "Checkout slowed down";
        view.tags = tags;
        view.visibleTo = visibleTo;
        return view;
    }

    /** The document as the search projection wrote it before the labels: the same, without them. */
    private void writeAsBefore(String index, PostMortemView view) throws IOException {
        ObjectNode document = EventJson.MAPPER.valueToTree(SearchDocument.of(view));
        document.remove("labels");
        if (document.get("restricted").isObject()) {
            ((ObjectNode) document.get("restricted")).remove("labels");
        }
        client.index(i -> i.index(index).id(view.id).version(view.version + 1).versionType(VersionType.External)
                           .withJson(new StringReader(document.toString())));
    }

    private List<String> found(String field, String word) throws IOException {
        client.indices().refresh(r -> r.index(alias));
        return client.search(s -> s.index(alias).query(q -> q.match(m -> m.field(field).query(word))), ObjectNode.class)
                     .hits().hits().stream().map(Hit::id).toList();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SearchIndexUpgradeIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
