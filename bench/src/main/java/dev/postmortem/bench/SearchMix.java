package dev.postmortem.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The search load: what people look for in past incidents — single words, two words, quoted phrases, and the same
 * with tag, severity and status filters. Every answer carries facet counts (tags, severity, status, year), so every
 * query also aggregates. Drawn from the organisation's own vocabulary, so that most queries match something.
 */
final class SearchMix {

    private static final List<String> WORDS = List.of("timeout", "latency", "certificate", "replica", "rollback", "memory",
            "checkout", "payments", "dns", "cache", "kafka", "disk", "failover", "migration", "throttled", "index",
            "deploy", "retry", "consumer", "alert", "schema", "pool", "lag", "outage", "login");
    private static final List<String> PHRASES = List.of("\"connection pool\"", "\"retry storm\"", "\"feature flag\"",
            "\"missing index\"", "\"disk pressure\"", "\"replication lag\"", "\"expired TLS certificate\"", "\"queue backlog\"");

    private SearchMix() {
    }

    /** Query strings (already URL-encoded) in a fixed, seeded order. */
    static List<String> queries(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String q = switch (random.nextInt(3)) {
                case 0 -> Organisation.pick(random, WORDS);
                case 1 -> Organisation.pick(random, WORDS) + " " + Organisation.pick(random, WORDS);
                default -> Organisation.pick(random, PHRASES);
            };
            StringBuilder query = new StringBuilder("size=20&q=").append(Http.encode(q));
            switch (random.nextInt(5)) {
                case 0 -> query.append("&tag=").append(Http.encode(Organisation.pick(random, Organisation.TAGS)));
                case 1 -> query.append("&severity=").append(Organisation.pick(random, Organisation.SEVERITIES));
                case 2 -> query.append("&status=PUBLISHED&tag=").append(Http.encode(Organisation.pick(random, Organisation.TAGS)));
                default -> { /* words only */ }
            }
            queries.add(query.toString());
        }
        return queries;
    }
}
