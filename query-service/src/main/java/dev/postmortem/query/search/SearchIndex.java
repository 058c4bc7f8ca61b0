package dev.postmortem.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The index behind the {@code postmortems} alias. Indexes are named {@code postmortems-<millis>}; the alias always
 * points at exactly one, so a rebuild can fill a new one and switch with one atomic alias update.
 */
@Component
public class SearchIndex {

    /** Documents read per page when documents are written again from their stored views. */
    private static final int REWRITE_PAGE = 500;

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
            // Fields added to the mapping since an index was made are added to it (a field it has keeps its mapping,
            // e.g. without offsets for the highlighter, until a rebuild makes a new index from the definition).
            Map<String, Set<String>> mapped = mappedFields();
            missingFields(mapped).ifPresent(this::putMapping);
            client.indices().putSettings(s -> s.index(alias()).settings(i -> i.refreshInterval(t -> t.time(properties.refreshIntervalSetting()))));
            if (!mapped.containsKey("labels")) {
                rewriteFromStoredViews();
            }
        }
        ready = true;
    }

    /**
     * What the definition maps that an index mapped as {@code mapped} (field → its subfields) lacks, as the body of a
     * put-mapping request; empty when it lacks nothing.
     */
    static Optional<String> missingFields(Map<String, Set<String>> mapped) {
        try {
            JsonNode defined = EventJson.MAPPER.readTree(definition()).path("mappings").path("properties");
            ObjectNode missing = EventJson.MAPPER.createObjectNode();
            defined.fields().forEachRemaining(field -> {
                Set<String> subfields = mapped.get(field.getKey());
                if (subfields == null) {
                    missing.set(field.getKey(), field.getValue());
                    return;
                }
                ObjectNode missingSubfields = EventJson.MAPPER.createObjectNode();
                field.getValue().path("properties").fields().forEachRemaining(subfield -> {
                    if (!subfields.contains(subfield.getKey())) {
                        missingSubfields.set(subfield.getKey(), subfield.getValue());
                    }
                });
                if (!missingSubfields.isEmpty()) {
                    missing.putObject(field.getKey()).set("properties", missingSubfields);
                }
            });
            if (missing.isEmpty()) {
                return Optional.empty();
            }
            ObjectNode body = EventJson.MAPPER.createObjectNode();
            body.set("properties", missing);
            return Optional.of(body.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void putMapping(String fields) {
        try {
            client.indices().putMapping(m -> m.index(alias()).withJson(new StringReader(fields)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The index's mapped fields, each with the names of its subfields (an object's properties). */
    private Map<String, Set<String>> mappedFields() throws IOException {
        Map<String, Set<String>> fields = new HashMap<>();
        client.indices().getMapping(m -> m.index(alias())).result().forEach((index, mapping) ->
                mapping.mappings().properties().forEach((name, property) -> fields.computeIfAbsent(name, key -> new HashSet<>())
                        .addAll(property.isObject() ? property.object().properties().keySet() : Set.of())));
        return fields;
    }

    /**
     * Writes every document again from its stored view, at its version (external_gte), so that what the document is made
     * of now reaches documents written before: labels made searchable, restricted text (in indexes older still) moved
     * to the fields where it cannot weigh in open post-mortems' scores (see {@link SearchDocument}). Page by page, in
     * id order; a live write racing it wins by its higher version.
     */
    private void rewriteFromStoredViews() throws IOException {
        client.indices().refresh(r -> r.index(alias()));
        List<FieldValue> after = null;
        while (true) {
            List<FieldValue> from = after;
            var hits = client.search(s -> {
                s.index(alias()).size(REWRITE_PAGE).source(src -> src.filter(f -> f.includes("view")))
                 .sort(o -> o.field(f -> f.field("id").order(SortOrder.Asc)));
                return from == null ? s : s.searchAfter(from);
            }, ObjectNode.class).hits().hits();
            List<PostMortemView> views = new ArrayList<>();
            for (var hit : hits) {
                if (hit.source() != null && hit.source().hasNonNull("view")) {
                    views.add(EventJson.MAPPER.treeToValue(hit.source().get("view"), PostMortemView.class));
                }
            }
            SearchBulk.write(client, alias(), views, VersionType.ExternalGte, false);
            if (hits.size() < REWRITE_PAGE) {
                break;
            }
            after = hits.get(hits.size() - 1).sort();
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
