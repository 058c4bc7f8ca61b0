package dev.postmortem.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.indices.GetAliasResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postmortem.query.postmortem.PostMortemView;
import dev.postmortem.query.stream.EventJson;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The index behind the {@code postmortems} alias. Indexes are named {@code postmortems-<millis>}; the alias always
 * points at exactly one, so a rebuild can fill a new one and switch with one atomic alias update.
 */
@Component
public class SearchIndex {

    private final ElasticsearchClient client;
    private final SearchProperties properties;
    private volatile boolean ready;

    public SearchIndex(ElasticsearchClient client, SearchProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    public String alias() {
        return properties.alias();
    }

    /**
     * Creates the first index and its alias if there is none yet. Another thread or instance may race to do the
     * same: the loser's alias update fails, and it drops the index it made and uses the winner's.
     */
    public synchronized void ensureExists() throws IOException {
        if (ready) {
            return;
        }
        if (!aliasExists()) {
            String index = createIndex();
            try {
                client.indices().putAlias(a -> a.index(index).name(alias()).isWriteIndex(true));
            } catch (IOException | RuntimeException lostTheRace) {
                if (!aliasExists() || currentIndexes().contains(index)) {
                    throw lostTheRace;
                }
                client.indices().delete(d -> d.index(index));
            }
        } else {
            boolean hadRestrictedText = mappedFields().contains("restricted");
            // Indexes made before these fields lack them; adding fields to a mapping is allowed.
            client.indices().putMapping(m -> m.index(alias()).withJson(new StringReader(addedFields())));
            client.indices().putSettings(s -> s.index(alias()).settings(i -> i.refreshInterval(t -> t.time(properties.refreshIntervalSetting()))));
            if (!hadRestrictedText) {
                moveRestrictedText();
            }
        }
        ready = true;
    }

    /** The fields added to the mapping since the first index was made: {@code visibleTo}, {@code stuck}, {@code restricted.*}. */
    static String addedFields() {
        try {
            JsonNode mapped = EventJson.MAPPER.readTree(definition()).path("mappings").path("properties");
            ObjectNode added = EventJson.MAPPER.createObjectNode();
            ObjectNode fields = added.putObject("properties");
            for (String field : List.of("visibleTo", "stuck", "restricted")) {
                fields.set(field, mapped.get(field));
            }
            return added.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Set<String> mappedFields() throws IOException {
        Set<String> fields = new HashSet<>();
        client.indices().getMapping(m -> m.index(alias())).result()
              .forEach((index, mapping) -> fields.addAll(mapping.mappings().properties().keySet()));
        return fields;
    }

    /**
     * An index made before restricted text had fields of its own holds restricted post-mortems' text in the open
     * fields, where it weighs in the scores of open post-mortems (see {@link SearchDocument}): each is written again
     * from its stored view, at its version (external_gte), which puts its text where it belongs.
     */
    private void moveRestrictedText() throws IOException {
        var restricted = client.search(s -> s.index(alias()).size(10_000).query(q -> q.exists(e -> e.field("visibleTo"))),
                ObjectNode.class).hits().hits();
        for (var hit : restricted) {
            if (hit.source() == null || hit.source().get("view") == null) {
                continue;
            }
            PostMortemView view = EventJson.MAPPER.treeToValue(hit.source().get("view"), PostMortemView.class);
            client.index(i -> i.index(alias()).id(view.id).version(view.version + 1).versionType(VersionType.ExternalGte)
                               .document(SearchDocument.of(view)));
        }
        client.indices().refresh(r -> r.index(alias()));
    }

    private boolean aliasExists() throws IOException {
        return client.indices().existsAlias(e -> e.name(alias())).value();
    }

    /** A new, empty index with the mapping; returns its name. */
    public String createIndex() throws IOException {
        String name = alias() + "-" + Instant.now().toEpochMilli();
        String definition = definition().replace("\"__REPLICAS__\"", String.valueOf(properties.replicas()))
                                        .replace("__REFRESH_INTERVAL__", properties.refreshIntervalSetting());
        client.indices().create(c -> c.index(name).withJson(new StringReader(definition)));
        return name;
    }

    /** The indexes the alias points at now. */
    public Set<String> currentIndexes() throws IOException {
        GetAliasResponse response = client.indices().getAlias(a -> a.name(alias()));
        return response.result().keySet();
    }

    /**
     * Deletes this alias's indexes that were created before {@code createdBefore} and are not behind the alias: what a
     * rebuild that died left. Returns their names.
     */
    public List<String> deleteDetachedIndexes(Instant createdBefore) throws IOException {
        Set<String> current = currentIndexes();
        List<String> deleted = new ArrayList<>();
        for (String index : client.indices().get(g -> g.index(alias() + "-*")).result().keySet()) {
            String created = index.substring(alias().length() + 1);
            if (!current.contains(index) && created.matches("\\d{1,19}") && Long.parseLong(created) < createdBefore.toEpochMilli()) {
                client.indices().delete(d -> d.index(index));
                deleted.add(index);
            }
        }
        return deleted;
    }

    /** Points the alias at {@code index} in one atomic step, then deletes the indexes it pointed at before. */
    public void switchTo(String index) throws IOException {
        Set<String> old = currentIndexes();
        client.indices().updateAliases(u -> {
            u.actions(a -> a.add(add -> add.index(index).alias(alias()).isWriteIndex(true)));
            for (String previous : old) {
                u.actions(a -> a.remove(remove -> remove.index(previous).alias(alias())));
            }
            return u;
        });
        for (String previous : old) {
            client.indices().delete(d -> d.index(previous));
        }
    }

    static String definition() {
        try (InputStream in = SearchIndex.class.getResourceAsStream("/search/postmortems-index.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
