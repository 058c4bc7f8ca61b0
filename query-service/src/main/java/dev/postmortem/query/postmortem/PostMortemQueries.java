package dev.postmortem.query.postmortem;

import dev.postmortem.query.QueryProperties;
import dev.postmortem.query.projection.ProjectionCollections;
import dev.postmortem.query.readmodel.PageResult;
import dev.postmortem.query.readmodel.ReadModel;
import dev.postmortem.query.security.Viewer;
import dev.postmortem.query.web.QueryProblems;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.data.mongodb.core.query.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

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
     * first; empty (total 0) for one they may not see. A view at version {@code v} has applied exactly the events 0 to
     * {@code v}, one entry each, so the page is the versions it covers. Each entry's changes are those between the fold
     * of the entries before it and the fold with it: the entries up to the page's end are read and folded, and only the
     * page's states are flattened and compared.
     */
    PageResult<HistoryEntry> history(String id, int page, int size) {
        Optional<PostMortemView> view = view(id);
        if (view.isEmpty()) {
            return new PageResult<>(List.of(), page, size, 0);
        }
        long total = view.get().version + 1;
        long from = Math.min(total, (long) page * size);
        long to = Math.min(total, from + size);
        if (from == to) {
            return new PageResult<>(List.of(), page, size, total);
        }
        List<HistoryEntry> folded = HistoryBuckets.read(mongo, COLLECTIONS.history(), id, to - 1);
        List<HistoryEntry> pageEntries = new ArrayList<>((int) (to - from));
        PostMortemView state = new PostMortemView();
        Map<String, String> before = null;
        for (HistoryEntry entry : folded) {
            if (entry.version() >= from && before == null) {
                before = ViewChanges.flatten(state);
            }
            PostMortemFold.applyInPlace(state, entry.envelope());
            if (before != null) {
                Map<String, String> after = ViewChanges.flatten(state);
                pageEntries.add(entry.withChanges(ViewChanges.between(before, after)));
                before = after;
            }
        }
        return new PageResult<>(pageEntries, page, size, total);
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
     * Folds the events of a visible post-mortem up to a point. Only the buckets of those versions are read (see
     * {@link HistoryBuckets}); a post-mortem has at most 10,000 events, so this is bounded.
     */
    private Optional<PostMortemView> foldWhile(String id, long upToVersion, Predicate<HistoryEntry> include) {
        Optional<PostMortemView> view = view(id);
        if (view.isEmpty()) {
            return Optional.empty();
        }
        List<HistoryEntry> entries = HistoryBuckets.read(mongo, COLLECTIONS.history(), id, Math.min(upToVersion, view.get().version))
                                                   .stream().takeWhile(include).toList();
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PostMortemFold.fold(entries.stream().map(HistoryEntry::envelope).toList()));
    }

    /**
     * A page of the views one may see, filtered; with {@code awaitingReviewOf}, only those in review that name this
     * viewer (or one of their groups) as reviewer, that they did not submit, and that they have not approved.
     */
    PageResult<PostMortemView> list(String status, String severity, String tag, String createdBy, Viewer awaitingReviewOf, int page,
                                    int size, Sort sort) {
        List<Criteria> criteria = new ArrayList<>(List.of(ReadModel.visible()));
        if (awaitingReviewOf != null) {
            criteria.add(awaitingReview(awaitingReviewOf));
        }
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

    /** How many years back "on this day" looks. */
    static final int ON_THIS_DAY_YEARS = 30;

    /**
     * The post-mortems one may see whose incident started N years ago (N ≥ 1), within {@code days} of {@code date}'s day
     * of the year: one range per past year, newest first. (A post-mortem with no start time is left out: its date is
     * not the incident's.)
     */
    List<PostMortemView> onThisDay(LocalDate date, int days, int size) {
        List<Criteria> years = new ArrayList<>();
        for (int back = 1; back <= ON_THIS_DAY_YEARS; back++) {
            LocalDate day = date.minusYears(back);
            years.add(Criteria.where("times.start").gte(day.minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant())
                              .lt(day.plusDays(days + 1L).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        Query query = Query.query(new Criteria().andOperator(ReadModel.visible(), new Criteria().orOperator(years.toArray(Criteria[]::new))))
                           .with(Sort.by(Sort.Order.desc("times.start"), Sort.Order.asc("_id"))).limit(size);
        return mongo.find(query, PostMortemView.class, COLLECTIONS.views());
    }

    private static Criteria awaitingReview(Viewer viewer) {
        Criteria named = Criteria.where("review.reviewers").elemMatch(Criteria.where("name").is(viewer.name()).and("kind").is("PERSON"));
        Criteria inGroup = Criteria.where("review.reviewers").elemMatch(Criteria.where("name").in(viewer.groups()).and("kind").is("GROUP"));
        Criteria approved = Criteria.where("review.verdicts").elemMatch(Criteria.where("reviewer").is(viewer.name()).and("verdict").is("APPROVED"));
        return new Criteria().andOperator(Criteria.where("status").is("IN_REVIEW"), new Criteria().orOperator(named, inGroup),
                new Criteria().norOperator(approved, Criteria.where("review.submittedBy").is(viewer.name())));
    }
}
