package dev.postmortem.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A realistic organisation's post-mortems, generated deterministically from a seed: incidents across some forty
 * services with varied symptoms, causes and actions (so that full-text search has real work to do), a skewed severity
 * distribution, a timeline of about fifteen entries, five stakeholders, five whys, four countermeasures (two of
 * them completed), tags, and publication. The same seed and index always give the same post-mortem.
 */
final class Organisation {

    static final List<String> SERVICES = List.of("checkout", "payments", "search", "catalog", "inventory", "login",
            "identity", "notifications", "email", "billing", "invoicing", "shipping", "tracking", "recommendations",
            "reviews", "cart", "pricing", "promotions", "gateway", "cdn", "dns", "load-balancer", "kubernetes",
            "postgres", "kafka", "redis", "elasticsearch", "object-storage", "ci-pipeline", "feature-flags",
            "mobile-api", "web-frontend", "reporting", "data-warehouse", "fraud-detection", "support-portal",
            "scheduler", "image-resizer", "geo-service", "audit-log");
    static final List<String> SYMPTOMS = List.of("elevated latency", "timeouts", "5xx errors", "failed logins",
            "duplicate charges", "missing emails", "stale search results", "slow page loads", "dropped messages",
            "out-of-memory restarts", "connection resets", "queue backlog", "certificate errors", "disk pressure",
            "replication lag", "cache stampede", "partial outage", "data inconsistency", "throttled requests",
            "high CPU saturation");
    static final List<String> CAUSES = List.of("a connection pool exhausted by a slow query",
            "an expired TLS certificate on an internal endpoint", "a configuration change rolled out to all regions at once",
            "a retry storm after a dependency slowed down", "a missing index on a growing table",
            "a memory leak in the new serializer", "a DNS record with a very short TTL", "a noisy neighbour on shared nodes",
            "a schema migration that locked a hot table", "a feature flag enabled before its dependency shipped",
            "an unbounded cache growing with user sessions", "clock skew between two data centres",
            "a rate limit set below the weekend peak", "a consumer group rebalancing in a loop",
            "a full disk on the log volume", "a dependency upgrade that changed a default timeout",
            "a failover that promoted a lagging replica", "a batch job competing with live traffic",
            "an alert routed to a retired channel", "a load balancer health check that ignored dependencies");
    static final List<String> ACTIONS = List.of("rolled back the deploy", "restarted the affected pods",
            "failed over to the secondary region", "raised the connection pool limit", "disabled the feature flag",
            "added the missing index", "renewed the certificate", "paused the batch job", "scaled out the consumers",
            "cleared the poisoned cache entries", "throttled the noisy client", "rerouted traffic at the edge",
            "increased the disk size", "reverted the configuration change", "drained the unhealthy node");
    static final List<String> DETECTIONS = List.of("the latency alert fired", "a customer support ticket arrived",
            "the synthetic check failed", "an engineer noticed it on the dashboard", "the error budget burn alert paged on-call",
            "a partner reported failures", "the canary analysis flagged the release");
    static final List<String> TEAMS = List.of("checkout-team", "payments-team", "platform", "sre", "search-team",
            "identity-team", "data-team", "mobile-team", "web-team", "infra", "growth", "support-engineering");
    static final List<String> PEOPLE = List.of("Ana Lima", "Sam Okafor", "Mei Chen", "Lukas Berg", "Priya Nair",
            "Tom Walsh", "Fatima Zahra", "Jonas Meyer", "Aiko Tanaka", "Carlos Ruiz", "Nora Eriksen", "Omar Haddad",
            "Grace Kim", "Ivan Petrov", "Lea Dubois", "Ravi Kumar", "Sofia Rossi", "Ben Adler", "Hana Novak",
            "Diego Alvarez", "Elif Demir", "Kofi Mensah", "Ines Costa", "Yusuf Kaya", "Maja Horvat");
    static final List<String> TAGS = List.of("database", "network", "deploy", "configuration", "capacity", "certificates",
            "dns", "caching", "messaging", "storage", "security", "third-party", "monitoring", "alerting", "kubernetes",
            "memory", "latency", "data-loss", "customer-facing", "internal", "mobile", "web", "payments", "search",
            "authentication", "batch", "migration", "failover", "rate-limiting", "feature-flags");
    static final List<String> SEVERITIES = List.of("SEV1", "SEV2", "SEV3", "SEV4", "SEV5");
    private static final double[] SEVERITY_WEIGHTS = {0.05, 0.15, 0.40, 0.30, 0.10};
    static final List<String> KINDS = List.of("ACTION", "OBSERVATION", "INVESTIGATION_PATH", "RESOLUTION_STEP");
    static final List<String> ROLES = List.of("INVOLVED_IN_DECISIONS", "IDENTIFIED", "RESPONDED", "DIAGNOSED", "AFFECTED", "INTERESTED");
    static final List<String> PRIORITIES = List.of("CRITICAL", "HIGH", "MEDIUM", "LOW");
    static final List<String> TYPES = List.of("PREVENTIVE", "DETECTIVE", "CORRECTIVE", "MITIGATING");

    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    private final long seed;

    Organisation(long seed) {
        this.seed = seed;
    }

    record Entry(Instant occurredAt, String kind, String description, String effect, String perspective) {
    }

    record Stakeholder(String name, List<String> roles) {
    }

    record Why(String question, String answer) {
    }

    record Countermeasure(String title, String description, String priority, String type, String owner, LocalDate targetDate,
                          boolean completed) {
    }

    /** One post-mortem as its authors will write it, command by command. */
    record Plan(String title, Instant meetingAt, String contact, String facilitator, Instant start, Instant detect, Instant end,
                String severity, String summary, String remediation, String additionalInfo, List<Entry> timeline,
                List<Stakeholder> stakeholders, List<Why> whys, List<Countermeasure> countermeasures, List<String> tags,
                List<String> services, List<String> teams, String rootCause) {

        /** The commands this plan takes: create, meeting, 3 times, severity, description, entries, stakeholders, whys,
         *  countermeasures (propose, assign, start and complete where completed), tags, services, teams, root cause,
         *  submit naming a reviewer, the reviewer's approval, publish. */
        int commands() {
            int completed = (int) countermeasures.stream().filter(Countermeasure::completed).count();
            return 1 + 1 + 3 + 1 + 1 + timeline.size() + stakeholders.size() + whys.size()
                    + 2 * countermeasures.size() + 2 * completed + 4 + 3;
        }
    }

    Plan plan(long index) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index);
        String service = pick(random, SERVICES);
        String symptom = pick(random, SYMPTOMS);
        String cause = pick(random, CAUSES);
        String action = pick(random, ACTIONS);
        Instant start = EPOCH.plus(Duration.ofMinutes(random.nextLong(Duration.ofDays(1000).toMinutes())));
        Instant detect = start.plus(Duration.ofMinutes(1 + random.nextInt(45)));
        Instant end = detect.plus(Duration.ofMinutes(5 + random.nextInt(300)));
        List<String> services = distinct(random, SERVICES, 1 + random.nextInt(3), service);
        String title = capitalise(symptom) + " in " + service + " after " + shorten(cause);
        List<Entry> timeline = new ArrayList<>();
        timeline.add(new Entry(detect, "DETECTION", capitalise(pick(random, DETECTIONS)) + " for " + service + ".",
                "On-call was paged.", "on-call engineer"));
        Instant at = detect;
        for (int i = 1; i < 15; i++) {
            at = at.plus(Duration.ofMinutes(1 + random.nextInt(12)));
            String kind = pick(random, KINDS);
            String description = switch (kind) {
                case "ACTION" -> capitalise(pick(random, PEOPLE)) + " " + pick(random, ACTIONS) + " on " + pick(random, services) + ".";
                case "OBSERVATION" -> "Dashboards showed " + pick(random, SYMPTOMS) + " on " + pick(random, SERVICES) + ".";
                case "INVESTIGATION_PATH" -> "Checked whether " + pick(random, CAUSES) + " explained the " + symptom + ".";
                default -> "The team " + pick(random, ACTIONS) + "; " + symptom + " decreased.";
            };
            timeline.add(new Entry(at, kind, description, random.nextInt(3) == 0 ? "Error rate dropped." : null,
                    random.nextBoolean() ? pick(random, TEAMS) : null));
        }
        List<Stakeholder> stakeholders = new ArrayList<>();
        for (String person : distinct(random, PEOPLE, 5, null)) {
            stakeholders.add(new Stakeholder(person, distinct(random, ROLES, 1 + random.nextInt(2), null)));
        }
        List<Why> whys = List.of(
                new Why("Why did " + service + " show " + symptom + "?", "Requests waited on " + pick(random, services) + "."),
                new Why("Why did requests wait?", "Because of " + cause + "."),
                new Why("Why was that possible?", "No check covered " + pick(random, SYMPTOMS) + " before rollout."),
                new Why("Why was there no check?", "The runbook for " + service + " predates the " + pick(random, TAGS) + " changes."),
                new Why("Why was the runbook not updated?", "Ownership of " + service + " moved to " + pick(random, TEAMS) + " last quarter."));
        List<Countermeasure> countermeasures = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String type = TYPES.get(i);
            countermeasures.add(new Countermeasure(
                    countermeasureTitle(type, service, random), "Follow-up from the " + symptom + " incident in " + service + ".",
                    pick(random, PRIORITIES), type, pick(random, PEOPLE),
                    LocalDate.ofInstant(end, ZoneOffset.UTC).plusDays(14 + random.nextInt(90)), i < 2));
        }
        List<String> tags = distinct(random, TAGS, 2 + random.nextInt(3), null);
        List<String> teams = distinct(random, TEAMS, 1 + random.nextInt(2), null);
        return new Plan(title, end.plus(Duration.ofDays(1 + random.nextInt(5))), pick(random, PEOPLE), pick(random, PEOPLE),
                start, detect, end, weighted(random), "For " + Duration.between(start, end).toMinutes() + " minutes " + service
                + " showed " + symptom + "; " + (1 + random.nextInt(60)) + "% of requests were affected.",
                "The team " + action + ".", "Related services: " + String.join(", ", services) + ".",
                timeline, stakeholders, whys, countermeasures, tags, services, teams,
                capitalise(cause) + ", combined with " + pick(random, CAUSES) + ".");
    }

    private static String countermeasureTitle(String type, String service, SplittableRandom random) {
        return switch (type) {
            case "PREVENTIVE" -> "Add a pre-deploy check for " + pick(random, SYMPTOMS) + " in " + service;
            case "DETECTIVE" -> "Alert on " + pick(random, SYMPTOMS) + " for " + service;
            case "CORRECTIVE" -> "Repair " + pick(random, SERVICES) + " data affected by the incident";
            default -> "Add a circuit breaker between " + service + " and " + pick(random, SERVICES);
        };
    }

    private static String weighted(SplittableRandom random) {
        double roll = random.nextDouble();
        for (int i = 0; i < SEVERITY_WEIGHTS.length; i++) {
            roll -= SEVERITY_WEIGHTS[i];
            if (roll < 0) {
                return SEVERITIES.get(i);
            }
        }
        return SEVERITIES.get(SEVERITIES.size() - 1);
    }

    static <T> T pick(SplittableRandom random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static List<String> distinct(SplittableRandom random, List<String> from, int count, String first) {
        Set<String> chosen = new LinkedHashSet<>();
        if (first != null) {
            chosen.add(first);
        }
        while (chosen.size() < Math.min(count, from.size())) {
            chosen.add(pick(random, from));
        }
        return new ArrayList<>(chosen);
    }

    private static String shorten(String cause) {
        return cause.startsWith("a ") || cause.startsWith("an ") ? cause.substring(cause.indexOf(' ') + 1) : cause;
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
