package dev.postmortem.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.query_dsl.BoolQuery;
import co.elastic.clients.elasticsearch._types.query_dsl.Like;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.JsonData;
import co.elastic.clients.json.JsonpUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postmortem.query.security.Viewer;
import dev.postmortem.query.stream.EventJson;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Organisation-wide search over the index, with highlights, facets and search_after paging. */
@Service
public class SearchService {

    /**
     * The text fields, by weight: a word in the title ranks above one in the body; tags, services and teams are chosen
     * words, so a word among them ranks high too.
     */
    private static final List<String> HIGHLIGHTED = List.of("title", "labels", "summary", "rootCause", "remediation", "timeline",
            "fiveWhys", "countermeasures", "additionalInfo");
    private static final Map<String, String> BOOSTS = Map.of("title", "^4", "labels", "^3", "summary", "^2", "rootCause", "^2");
    /** How many fields' fragments a hit shows at most: a results page shows a line or two per hit, not all it matched. */
    static final int SHOWN_FIELDS = 2;
    /** Where a restricted post-mortem's text is (see {@link SearchDocument}): the same fields under this prefix. */
    static final String RESTRICTED = "restricted.";
    /** Every text field searched, open and restricted, with its weight. */
    static final List<String> TEXT_FIELDS = Stream.concat(HIGHLIGHTED.stream(), HIGHLIGHTED.stream().map(f -> RESTRICTED + f))
            .map(field -> field + BOOSTS.getOrDefault(field.substring(field.indexOf('.') + 1), "")).toList();
    private static final List<String> RESULT_FIELDS = List.of("id", "title", "restricted.title", "severity", "status", "tags",
            "incidentStart");

    private final ElasticsearchClient client;
    private final SearchIndex index;

    public SearchService(ElasticsearchClient client, SearchIndex index) {
        this.client = client;
        this.index = index;
    }

    /** What to look for. Every field is optional; {@code after} is the {@code next} cursor of a previous page. */
    public record Criteria(String text, List<String> tags, String severity, String status, String owner, Instant from, Instant to,
                           String sort, int page, int size, String after) {
    }

    /** One hit: what a list shows, its score and the fragments that matched, by field. */
    public record SearchHit(String id, String title, String severity, String status, List<String> tags, String incidentStart,
                            Double score, Map<String, List<String>> highlights) {
    }

    /**
     * A page of hits with the total, facet counts and the cursor to the next page ({@code null} at the end); with
     * {@code explain}, the request that found them.
     */
    public record Result(long total, List<SearchHit> hits, Map<String, Map<String, Long>> facets, String next,
                         SentRequest elasticsearch) {
    }

    /** What was sent to Elasticsearch: {@code POST /<index>/_search} with this body. */
    public record SentRequest(String index, JsonNode body) {
    }

    /**
     * A page of hits. With {@code explain}, the result also holds the request sent to Elasticsearch (the alias and the
     * body), so that an operator can see what a search became, or send the same query to the node directly.
     */
    public Result search(Criteria criteria, boolean explain) throws IOException {
        index.ensureExists();
        SearchRequest request = request(criteria);
        SearchResponse<ObjectNode> response = client.search(request, ObjectNode.class);
        List<SearchHit> hits = response.hits().hits().stream().map(SearchService::hit).toList();
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        Map<String, Map<String, Long>> facets = new LinkedHashMap<>();
        response.aggregations().forEach((name, aggregate) -> facets.put(name, buckets(aggregate)));
        List<Hit<ObjectNode>> raw = response.hits().hits();
        String next = raw.size() < criteria.size() ? null : encodeCursor(raw.get(raw.size() - 1).sort());
        SentRequest sent = explain
                ? new SentRequest(index.alias(), EventJson.MAPPER.readTree(JsonpUtils.toJsonString(request, client._jsonpMapper())))
                : null;
        return new Result(total, hits, facets, next, sent);
    }

    private SearchRequest request(Criteria criteria) {
        SearchRequest.Builder request = new SearchRequest.Builder()
                .index(index.alias())
                .trackTotalHits(t -> t.enabled(true))
                .size(criteria.size())
                .query(query(criteria))
                .source(s -> s.filter(f -> f.includes(RESULT_FIELDS)))
                .highlight(h -> {
                    // The best fragment of each field that matched (require_field_match); the hit keeps the first
                    // SHOWN_FIELDS of them in the fields' order of weight.
                    h.preTags("<em>").postTags("</em>").numberOfFragments(1).fragmentSize(150).requireFieldMatch(true);
                    HIGHLIGHTED.forEach(field -> h.fields(field, f -> f));
                    HIGHLIGHTED.forEach(field -> h.fields(RESTRICTED + field, f -> f));
                    return h;
                })
                .aggregations("tags", a -> a.terms(t -> t.field("tags").size(50)))
                .aggregations("severity", a -> a.terms(t -> t.field("severity").size(20)))
                .aggregations("status", a -> a.terms(t -> t.field("status").size(10)))
                .aggregations("year", a -> a.dateHistogram(d -> d.field("incidentStart").calendarInterval(CalendarInterval.Year)
                                                                  .format("yyyy").minDocCount(1)));
        switch (criteria.sort()) {
            case "incidentStart" -> request.sort(s -> s.field(f -> f.field("incidentStart").order(SortOrder.Desc)));
            case "lastChangedAt" -> request.sort(s -> s.field(f -> f.field("lastChangedAt").order(SortOrder.Desc)));
            default -> request.sort(s -> s.score(sc -> sc.order(SortOrder.Desc)));
        }
        request.sort(s -> s.field(f -> f.field("id").order(SortOrder.Asc)));
        if (criteria.after() != null) {
            request.searchAfter(decodeCursor(criteria.after()));
        } else {
            request.from(criteria.page() * criteria.size());
        }
        return request.build();
    }

    /**
     * Past incidents like this one (more-like-this over the text fields); the post-mortem itself is not among them.
     * Only open post-mortems are offered as similar: more-like-this picks its terms by how rare they are in the index,
     * which would weigh restricted text again. The post-mortem asked about may be restricted (the caller checked that
     * the user may see it): its own text is then given as the document to be like.
     */
    public List<SearchHit> similar(String id, int size) throws IOException {
        index.ensureExists();
        GetResponse<ObjectNode> source = client.get(g -> g.index(index.alias()).id(id).sourceIncludes("restricted"), ObjectNode.class);
        JsonNode restrictedText = source.found() && source.source() != null ? source.source().get("restricted") : null;
        Like like = restrictedText == null || restrictedText.isNull()
                ? Like.of(l -> l.document(d -> d.index(index.alias()).id(id)))
                : Like.of(l -> l.document(d -> d.index(index.alias()).doc(JsonData.of(restrictedText))));
        SearchResponse<ObjectNode> response = client.search(s -> s
                .index(index.alias())
                .size(size)
                .source(src -> src.filter(f -> f.includes(RESULT_FIELDS)))
                .query(q -> q.bool(b -> b
                        .should(alike(like, List.of("labels"), "1", 3))
                        .should(alike(like, List.of("rootCause"), "1", 2))
                        .should(alike(like, HIGHLIGHTED, "2", 1))
                        .minimumShouldMatch("1")
                        .mustNot(n -> n.ids(i -> i.values(id)))
                        .filter(f -> f.bool(open -> open.mustNot(n -> n.exists(e -> e.field("visibleTo")))))
                        .filter(visibleToCurrentUser()))), ObjectNode.class);
        return response.hits().hits().stream().map(SearchService::hit).toList();
    }

    /**
     * Documents sharing words with {@code like} in these fields. Every word counts from the first time it occurs (short
     * write-ups repeat few), and {@code minimumShouldMatch} of them must be shared: not more-like-this's default of 30 %
     * of up to 25 terms, which two short, differently worded write-ups of the same failure never meet.
     */
    private static Query alike(Like like, List<String> fields, String minimumShouldMatch, float boost) {
        return Query.of(q -> q.moreLikeThis(mlt -> mlt.fields(fields).like(like).minTermFreq(1).minDocFreq(1).maxQueryTerms(50)
                                                       .minimumShouldMatch(minimumShouldMatch).boost(boost)));
    }

    /** Whether the post-mortem is in the index and the current user may see it. */
    public boolean exists(String id) throws IOException {
        index.ensureExists();
        return client.count(c -> c.index(index.alias()).query(q -> q.bool(b -> b.filter(f -> f.ids(i -> i.values(id)))
                                                                                 .filter(visibleToCurrentUser())))).count() > 0;
    }

    /**
     * Open post-mortems, or restricted ones naming the current user or one of their groups; stuck ones only for admins
     * (fail closed). A filter, so it also bounds the facet counts: a restricted post-mortem adds to no count of someone
     * who may not see it.
     */
    private static Query visibleToCurrentUser() {
        Viewer viewer = Viewer.current();
        List<FieldValue> principals = viewer.principals().stream().map(FieldValue::of).toList();
        return Query.of(q -> q.bool(b -> {
            b.minimumShouldMatch("1")
             .should(s -> s.bool(open -> open.mustNot(m -> m.exists(e -> e.field("visibleTo")))))
             .should(s -> s.terms(t -> t.field("visibleTo").terms(v -> v.value(principals))));
            if (!viewer.admin()) {
                b.mustNot(m -> m.term(t -> t.field("stuck").value(true)));
            }
            return b;
        }));
    }

    private static Query query(Criteria criteria) {
        BoolQuery.Builder bool = new BoolQuery.Builder();
        if (criteria.text() != null && !criteria.text().isBlank()) {
            // simple_query_string never fails on odd syntax and runs no scripts: "phrases", -exclude, prefix*.
            bool.must(m -> m.simpleQueryString(q -> q.query(criteria.text()).fields(TEXT_FIELDS).defaultOperator(Operator.And)));
        } else {
            bool.must(m -> m.matchAll(all -> all));
        }
        bool.filter(visibleToCurrentUser());
        for (String tag : criteria.tags()) {
            bool.filter(f -> f.term(t -> t.field("tags").value(tag)));
        }
        if (criteria.severity() != null) {
            bool.filter(f -> f.term(t -> t.field("severity").value(criteria.severity())));
        }
        if (criteria.status() != null) {
            bool.filter(f -> f.term(t -> t.field("status").value(criteria.status())));
        }
        if (criteria.owner() != null) {
            bool.filter(f -> f.term(t -> t.field("owners").value(criteria.owner())));
        }
        if (criteria.from() != null || criteria.to() != null) {
            bool.filter(f -> f.range(r -> r.date(d -> {
                d.field("incidentStart");
                if (criteria.from() != null) {
                    d.gte(criteria.from().toString());
                }
                if (criteria.to() != null) {
                    d.lte(criteria.to().toString());
                }
                return d;
            })));
        }
        return Query.of(q -> q.bool(bool.build()));
    }

    private static SearchHit hit(Hit<ObjectNode> hit) {
        ObjectNode source = hit.source();
        List<String> tags = new ArrayList<>();
        if (source != null && source.get("tags") != null) {
            source.get("tags").forEach(tag -> tags.add(tag.asText()));
        }
        Map<String, List<String>> highlights = new LinkedHashMap<>();
        for (String field : HIGHLIGHTED) {
            List<String> fragments = hit.highlight().getOrDefault(field, hit.highlight().get(RESTRICTED + field));
            if (fragments != null && highlights.size() < SHOWN_FIELDS) {
                highlights.put(field, fragments);
            }
        }
        String title = text(source, "title");
        if (title == null && source != null && source.path("restricted").isObject()) {
            title = text((ObjectNode) source.get("restricted"), "title");
        }
        return new SearchHit(hit.id(), title, text(source, "severity"), text(source, "status"), tags,
                text(source, "incidentStart"), hit.score(), highlights);
    }

    private static String text(ObjectNode source, String field) {
        JsonNode value = source == null ? null : source.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, Long> buckets(Aggregate aggregate) {
        Map<String, Long> counts = new LinkedHashMap<>();
        if (aggregate.isSterms()) {
            aggregate.sterms().buckets().array().forEach(b -> counts.put(b.key().stringValue(), b.docCount()));
        } else if (aggregate.isDateHistogram()) {
            aggregate.dateHistogram().buckets().array().forEach(b -> counts.put(b.keyAsString(), b.docCount()));
        }
        return counts;
    }

    static String encodeCursor(List<FieldValue> sortValues) {
        ArrayNode values = EventJson.MAPPER.createArrayNode();
        for (FieldValue value : sortValues) {
            if (value.isLong()) {
                values.add(value.longValue());
            } else if (value.isDouble()) {
                values.add(value.doubleValue());
            } else if (value.isNull()) {
                values.addNull();
            } else {
                values.add(value._get().toString());
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(values.toString().getBytes(StandardCharsets.UTF_8));
    }

    static List<FieldValue> decodeCursor(String cursor) {
        try {
            JsonNode values = EventJson.MAPPER.readTree(Base64.getUrlDecoder().decode(cursor));
            if (!values.isArray() || values.size() != 2) {
                throw new InvalidCursorException();
            }
            List<FieldValue> result = new ArrayList<>();
            for (JsonNode value : values) {
                if (value.isIntegralNumber()) {
                    result.add(FieldValue.of(value.longValue()));
                } else if (value.isNumber()) {
                    result.add(FieldValue.of(value.doubleValue()));
                } else if (value.isTextual()) {
                    result.add(FieldValue.of(value.textValue()));
                } else {
                    throw new InvalidCursorException();
                }
            }
            return result;
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidCursorException();
        }
    }

    /** An {@code after} cursor that this service did not hand out. */
    public static final class InvalidCursorException extends RuntimeException {
        InvalidCursorException() {
            super("'after' is not a cursor from a previous page's 'next'");
        }
    }
}
