package dev.postmortem.query.postmortem;

import dev.postmortem.query.QueryProperties;
import dev.postmortem.query.projection.ProjectionCollections;
import dev.postmortem.query.readmodel.PageResult;
import dev.postmortem.query.readmodel.ReadModel;
import dev.postmortem.query.security.Viewer;
import dev.postmortem.query.web.QueryProblems;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.LongStream;

/** Reads the live generation of the read model. Past states are folded from the stored history, never guessed. */
@Component
public class PostMortemQueries {

    private static final ProjectionCollections COLLECTIONS = ProjectionCollections.LIVE;

    /** The span a stored date holds (BSON dates through java.util.Date), and a little less. */
    private static final Instant LATEST_STORED = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final Instant EARLIEST_STORED = Instant.parse("0000-01-01T00:00:00Z");

    private final MongoTemplate mongo;
    private final QueryProperties properties;

    PostMortemQueries(MongoTemplate mongo, QueryProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    /**
     * The current view, or with {@code asOf} the post-mortem exactly as it stood then. With {@code minVersion} the
     * answer waits (bounded) until the view has caught up with a write that returned that version.
     */
    public PostMortemView lookup(String id, Instant asOf, Long minVersion) {
        if (asOf != null) {
            return asOf(id, asOf).orElseThrow(() -> new QueryProblems.NotFoundException("asOf",
                    "Post-mortem " + id + " did not exist at " + asOf + "."));
        }
        if (minVersion != null) {
            return awaitVersion(id, minVersion, properties.readYourWritesTimeout());
        }
        return view(id).orElseThrow(() -> QueryProblems.postMortemNotFound(id));
    }

    /**
     * The current view, if it exists and the current user may see it: a restricted one is absent to those it does not
     * name, a stuck one to everyone but admins (fail closed).
     */
    public Optional<PostMortemView> view(String id) {
        return Optional.ofNullable(mongo.findById(id, PostMortemView.class, COLLECTIONS.views())).filter(PostMortemQueries::visible);
    }

    private static boolean visible(PostMortemView view) {
        return Viewer.current().maySee(view.visibleTo, view.stuck);
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
     * first; empty (total 0) for one they may not see. Each entry's changes are those between the fold of the entries
     * before it and the fold with it: the entries up to the page's end are read (without any changes stored with them)
     * and folded, and only the page's states are flattened and compared.
     */
    PageResult<HistoryEntry> history(String id, int page, int size) {
        Optional<PostMortemView> view = view(id);
        if (view.isEmpty()) {
            return new PageResult<>(List.of(), page, size, 0);
        }
        Query stored = byVersion(id, view.get().version);
        stored.fields().include("_id");
        List<String> ids = mongo.find(stored, Document.class, COLLECTIONS.history()).stream().map(entry -> entry.getString("_id"))
                                .sorted().toList();
        int from = (int) Math.min(ids.size(), (long) page * size);
        int to = (int) Math.min(ids.size(), (long) from + size);
        if (from == to) {
            return new PageResult<>(List.of(), page, size, ids.size());
        }
        Query entries = Query.query(Criteria.where("_id").in(ids.subList(0, to))).with(Sort.by("version"));
        entries.fields().exclude("changes");
        List<HistoryEntry> folded = mongo.find(entries, HistoryEntry.class, COLLECTIONS.history());
        List<HistoryEntry> pageEntries = new ArrayList<>(to - from);
        PostMortemView state = new PostMortemView();
        Map<String, String> before = null;
        for (int i = 0; i < folded.size(); i++) {
            HistoryEntry entry = folded.get(i);
            if (i >= from && before == null) {
                before = ViewChanges.flatten(state);
            }
            PostMortemFold.applyInPlace(state, entry.envelope());
            if (before != null) {
                Map<String, String> after = ViewChanges.flatten(state);
                pageEntries.add(entry.withChanges(ViewChanges.between(before, after)));
                before = after;
            }
        }
        return new PageResult<>(pageEntries, page, size, ids.size());
    }

    /**
     * The post-mortem as it stood at {@code instant}: the fold of every event stored at or before it. An instant
     * beyond what the store's dates hold (year 10,000 and later, or before year 0) asks the same as the nearest one
     * they do — everything so far, or nothing yet — instead of failing the query (FuzzIT: {@code +999999999-12-31}).
     */
    Optional<PostMortemView> asOf(String id, Instant instant) {
        Instant bounded = instant.isAfter(LATEST_STORED) ? LATEST_STORED : instant.isBefore(EARLIEST_STORED) ? EARLIEST_STORED : instant;
        return foldWhile(id, Long.MAX_VALUE, entry -> !entry.time().isAfter(bounded));
    }

    /** The post-mortem at one version: the fold of its events up to and including that version. */
    Optional<PostMortemView> atVersion(String id, long version) {
        return foldWhile(id, version, entry -> entry.version() <= version).filter(view -> view.version == version);
    }

    /**
     * Folds the events of a visible post-mortem up to a point. Only those entries are read, and only what the fold
     * needs of them (not the changed fields); a post-mortem has at most 10,000 events, so this is bounded.
     */
    private Optional<PostMortemView> foldWhile(String id, long upToVersion, Predicate<HistoryEntry> include) {
        Optional<PostMortemView> view = view(id);
        if (view.isEmpty()) {
            return Optional.empty();
        }
        Query query = byVersion(id, Math.min(upToVersion, view.get().version));
        query.fields().exclude("changes");
        List<HistoryEntry> entries = mongo.find(query, HistoryEntry.class, COLLECTIONS.history()).stream().takeWhile(include).toList();
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PostMortemFold.fold(entries.stream().map(HistoryEntry::envelope).toList()));
    }

    /**
     * A post-mortem's history entries from its first version to {@code last}, oldest first, asked for by their ids
     * (post-mortem and version): a lookup in the {@code _id} index on any MongoDB — on the embedded server too, which
     * ignores every other index and would scan the whole organisation's history for a query on {@code postMortemId}.
     */
    private static Query byVersion(String id, long last) {
        List<String> ids = LongStream.rangeClosed(0, last).mapToObj(version -> HistoryEntry.idOf(id, version)).toList();
        return Query.query(Criteria.where("_id").in(ids)).with(Sort.by("version"));
    }

    PageResult<PostMortemView> list(String status, String severity, String tag, String createdBy, int page, int size, Sort sort) {
        List<Criteria> criteria = new ArrayList<>(List.of(ReadModel.visible()));
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
        return ReadModel.page(mongo, criteria, page, size, sort, PostMortemView.class, COLLECTIONS.views());
    }
}
