package dev.postmortem.query.api;

import dev.postmortem.query.projection.CountermeasureDocument;
import dev.postmortem.query.projection.HistoryEntry;
import dev.postmortem.query.projection.ProjectionCollections;
import dev.postmortem.query.security.Viewer;
import dev.postmortem.query.view.PostMortemFold;
import dev.postmortem.query.view.PostMortemView;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads the live generation of the read model. Past states are folded from the stored history, never guessed. */
@Component
class PostMortemQueries {

    private static final ProjectionCollections COLLECTIONS = ProjectionCollections.LIVE;

    private static final List<String> OPEN = List.of("PROPOSED", "ASSIGNED", "IN_PROGRESS");
    /** The span a stored date holds (BSON dates through java.util.Date), and a little less. */
    private static final Instant LATEST_STORED = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final Instant EARLIEST_STORED = Instant.parse("0000-01-01T00:00:00Z");

    private final MongoTemplate mongo;

    PostMortemQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The current view, if it exists and the current user may see it: a restricted one is absent to those it does not
     * name, a stuck one to everyone but admins (fail closed).
     */
    Optional<PostMortemView> view(String id) {
        return Optional.ofNullable(mongo.findById(id, PostMortemView.class, COLLECTIONS.views())).filter(PostMortemQueries::visible);
    }

    private static boolean visible(PostMortemView view) {
        return Viewer.current().maySee(view.visibleTo, view.stuck);
    }

    /**
     * Open post-mortems, or restricted ones naming the current user or one of their groups; stuck ones only for admins.
     * Works for the views and the countermeasures alike (both keep {@code visibleTo}; a stuck view has a {@code stuck}
     * document, a stuck post-mortem's countermeasure {@code stuck: true}).
     */
    static Criteria visible() {
        Viewer viewer = Viewer.current();
        Criteria restriction = new Criteria().orOperator(Criteria.where("visibleTo").is(null),
                Criteria.where("visibleTo").in(viewer.principals()));
        if (viewer.admin()) {
            return restriction;
        }
        return new Criteria().andOperator(restriction,
                new Criteria().orOperator(Criteria.where("stuck").is(null), Criteria.where("stuck").is(false)));
    }

    /**
     * The view once it has reached {@code minVersion}, waiting at most {@code timeout}. Who may see it is decided on
     * the version asked for, not on an older one: the write being waited for may be the one that lifts a restriction.
     * A view the user may not see is treated exactly as one that does not exist (yet): the answer waits the whole
     * timeout and is "behind" at version -1 either way, so that neither the answer nor its timing tells them apart.
     */
    PostMortemView awaitVersion(String id, long minVersion, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<PostMortemView> view = view(id);
            if (view.isPresent() && view.get().version >= minVersion) {
                return view.get();
            }
            long current = view.map(v -> v.version).orElse(-1L);
            if (Instant.now().isAfter(deadline)) {
                throw new QueryProblems.ViewBehindException(id, minVersion, current);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QueryProblems.ViewBehindException(id, minVersion, current);
            }
        }
    }

    /**
     * A page of the history of a post-mortem the current user may see now (restricting it hides its past too), oldest
     * first; empty (total 0) for one they may not see.
     */
    PageResult<HistoryEntry> history(String id, int page, int size) {
        if (view(id).isEmpty()) {
            return new PageResult<>(List.of(), page, size, 0);
        }
        return page(List.of(Criteria.where("postMortemId").is(id)), page, size, Sort.by("version"), HistoryEntry.class,
                COLLECTIONS.history());
    }

    /**
     * The post-mortem as it stood at {@code instant}: the fold of every event stored at or before it. An instant
     * beyond what the store's dates hold (year 10,000 and later, or before year 0) asks the same as the nearest one
     * they do — everything so far, or nothing yet — instead of failing the query (FuzzIT: {@code +999999999-12-31}).
     */
    Optional<PostMortemView> asOf(String id, Instant instant) {
        Instant bounded = instant.isAfter(LATEST_STORED) ? LATEST_STORED : instant.isBefore(EARLIEST_STORED) ? EARLIEST_STORED : instant;
        return foldWhile(id, Criteria.where("time").lte(bounded), entry -> !entry.time().isAfter(bounded));
    }

    /** The post-mortem at one version: the fold of its events up to and including that version. */
    Optional<PostMortemView> atVersion(String id, long version) {
        return foldWhile(id, Criteria.where("version").lte(version), entry -> entry.version() <= version)
                .filter(view -> view.version == version);
    }

    /**
     * Folds the events of a visible post-mortem up to a point. Only those entries are read, and only what the fold
     * needs of them (not the changed fields); a post-mortem has at most 10,000 events, so this is bounded.
     */
    private Optional<PostMortemView> foldWhile(String id, Criteria upTo, Predicate<HistoryEntry> include) {
        if (view(id).isEmpty()) {
            return Optional.empty();
        }
        Query query = Query.query(new Criteria().andOperator(Criteria.where("postMortemId").is(id), upTo)).with(Sort.by("version"));
        query.fields().exclude("changes");
        List<HistoryEntry> entries = mongo.find(query, HistoryEntry.class, COLLECTIONS.history()).stream().takeWhile(include).toList();
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PostMortemFold.fold(entries.stream().map(HistoryEntry::envelope).toList()));
    }

    PageResult<PostMortemView> list(String status, String severity, String tag, String createdBy, int page, int size, Sort sort) {
        List<Criteria> criteria = new ArrayList<>(List.of(visible()));
        if (status != null) {
            criteria.add(Criteria.where("status").is(status));
        }
        if (severity != null) {
            criteria.add(Criteria.where("severity").is(severity));
        }
        if (tag != null) {
            criteria.add(Criteria.where("tags").is(tag));
        }
        if (createdBy != null) {
            criteria.add(Criteria.where("createdBy").is(createdBy));
        }
        return page(criteria, page, size, sort, PostMortemView.class, COLLECTIONS.views());
    }

    /** Which countermeasures to list; null parts do not filter. */
    record CountermeasureFilter(String owner, String status, String postMortemId, LocalDate overdueOn, Instant revisitDueBefore) {
    }

    PageResult<CountermeasureDocument> countermeasures(CountermeasureFilter filter, int page, int size) {
        List<Criteria> criteria = new ArrayList<>(List.of(visible()));
        if (filter.owner() != null) {
            criteria.add(Criteria.where("owner").is(filter.owner()));
        }
        if (filter.status() != null) {
            criteria.add(Criteria.where("status").is(filter.status()));
        }
        if (filter.postMortemId() != null) {
            criteria.add(Criteria.where("postMortemId").is(filter.postMortemId()));
        }
        if (filter.overdueOn() != null) {
            criteria.add(Criteria.where("status").in(OPEN));
            criteria.add(Criteria.where("targetDate").lt(filter.overdueOn()));
        }
        if (filter.revisitDueBefore() != null) {
            criteria.add(Criteria.where("status").is("COMPLETED"));
            criteria.add(new Criteria().orOperator(
                    Criteria.where("lastRevisitedAt").is(null).and("completedAt").lte(filter.revisitDueBefore()),
                    Criteria.where("lastRevisitedAt").lte(filter.revisitDueBefore())));
        }
        Sort sort = Sort.by(Sort.Order.asc("targetDate"), Sort.Order.asc("_id"));
        return page(criteria, page, size, sort, CountermeasureDocument.class, COLLECTIONS.countermeasures());
    }

    /**
     * Follow-through per owner, counted over every assigned countermeasure (a proposed one has no owner yet).
     * Counted here rather than by the database: the embedded MongoDB-wire server's aggregation is limited, and a
     * few tens of thousands of small documents are counted in milliseconds.
     */
    List<OwnerFollowThrough> followThroughByOwner(LocalDate today, Instant revisitDueBefore) {
        Query query = Query.query(new Criteria().andOperator(Criteria.where("owner").ne(null), visible()));
        query.fields().include("owner", "status", "targetDate", "completedAt", "lastRevisitedAt");
        java.util.Map<String, int[]> counts = new java.util.TreeMap<>();
        for (CountermeasureDocument c : mongo.find(query, CountermeasureDocument.class, COLLECTIONS.countermeasures())) {
            int[] count = counts.computeIfAbsent(c.owner(), owner -> new int[5]);
            if (OPEN.contains(c.status())) {
                count[0]++;
                if (c.targetDate() != null && c.targetDate().isBefore(today)) {
                    count[1]++;
                }
            } else if ("COMPLETED".equals(c.status())) {
                count[3]++;
                Instant lastChecked = c.lastRevisitedAt() != null ? c.lastRevisitedAt() : c.completedAt();
                if (lastChecked != null && !lastChecked.isAfter(revisitDueBefore)) {
                    count[2]++;
                }
            } else {
                count[4]++;
            }
        }
        return counts.entrySet().stream().map(e -> new OwnerFollowThrough(e.getKey(), e.getValue()[0], e.getValue()[1],
                e.getValue()[2], e.getValue()[3], e.getValue()[4])).toList();
    }

    /** One owner's countermeasures: open (of which overdue), completed (of which due for a revisit), declined. */
    record OwnerFollowThrough(String owner, int open, int overdue, int revisitDue, int completed, int declined) {
    }

    private <T> PageResult<T> page(List<Criteria> criteria, int page, int size, Sort sort, Class<T> type, String collection) {
        Query query = criteria.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(criteria.toArray(Criteria[]::new)));
        long total = mongo.count(query, type, collection);
        List<T> items = mongo.find(query.with(sort).skip((long) page * size).limit(size), type, collection);
        return new PageResult<>(items, page, size, total);
    }

    /** One page of a list, with where it is in the whole. */
    record PageResult<T>(List<T> items, int page, int size, long total) {
    }
}
