package dev.postmortem.query.api;

import dev.postmortem.query.projection.CountermeasureDocument;
import dev.postmortem.query.projection.HistoryEntry;
import dev.postmortem.query.projection.ProjectionCollections;
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

    private final MongoTemplate mongo;

    PostMortemQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<PostMortemView> view(String id) {
        return Optional.ofNullable(mongo.findById(id, PostMortemView.class, COLLECTIONS.views()));
    }

    /** The view once it has reached {@code minVersion}, waiting at most {@code timeout}. */
    PostMortemView awaitVersion(String id, long minVersion, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<PostMortemView> view = view(id);
            if (view.isPresent() && view.get().version >= minVersion) {
                return view.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new QueryProblems.ViewBehindException(id, minVersion, view.map(v -> v.version).orElse(-1L));
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new QueryProblems.ViewBehindException(id, minVersion, view.map(v -> v.version).orElse(-1L));
            }
        }
    }

    List<HistoryEntry> history(String id) {
        Query query = Query.query(Criteria.where("postMortemId").is(id)).with(Sort.by("version"));
        return mongo.find(query, HistoryEntry.class, COLLECTIONS.history());
    }

    /** The post-mortem as it stood at {@code instant}: the fold of every event stored at or before it. */
    Optional<PostMortemView> asOf(String id, Instant instant) {
        return foldWhile(id, entry -> !entry.time().isAfter(instant));
    }

    /** The post-mortem at one version: the fold of its events up to and including that version. */
    Optional<PostMortemView> atVersion(String id, long version) {
        return foldWhile(id, entry -> entry.version() <= version).filter(view -> view.version == version);
    }

    private Optional<PostMortemView> foldWhile(String id, Predicate<HistoryEntry> include) {
        List<HistoryEntry> entries = history(id).stream().takeWhile(include).toList();
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PostMortemFold.fold(entries.stream().map(HistoryEntry::envelope).toList()));
    }

    PageResult<PostMortemView> list(String status, String severity, String tag, int page, int size, Sort sort) {
        List<Criteria> criteria = new ArrayList<>();
        if (status != null) {
            criteria.add(Criteria.where("status").is(status));
        }
        if (severity != null) {
            criteria.add(Criteria.where("severity").is(severity));
        }
        if (tag != null) {
            criteria.add(Criteria.where("tags").is(tag));
        }
        return page(criteria, page, size, sort, PostMortemView.class, COLLECTIONS.views());
    }

    PageResult<CountermeasureDocument> countermeasures(String owner, String status, String postMortemId, boolean overdue,
                                                       LocalDate today, int page, int size) {
        List<Criteria> criteria = new ArrayList<>();
        if (owner != null) {
            criteria.add(Criteria.where("owner").is(owner));
        }
        if (status != null) {
            criteria.add(Criteria.where("status").is(status));
        }
        if (postMortemId != null) {
            criteria.add(Criteria.where("postMortemId").is(postMortemId));
        }
        if (overdue) {
            criteria.add(Criteria.where("status").in("PROPOSED", "ASSIGNED", "IN_PROGRESS"));
            criteria.add(Criteria.where("targetDate").lt(today));
        }
        Sort sort = Sort.by(Sort.Order.asc("targetDate"), Sort.Order.asc("_id"));
        return page(criteria, page, size, sort, CountermeasureDocument.class, COLLECTIONS.countermeasures());
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
