package dev.postmortem.query.countermeasures;

import dev.postmortem.query.projection.ProjectionCollections;
import dev.postmortem.query.readmodel.PageResult;
import dev.postmortem.query.readmodel.ReadModel;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the live countermeasures collection, across the organisation, as the current user may see it. */
@Component
class CountermeasureQueries {

    private static final ProjectionCollections COLLECTIONS = ProjectionCollections.LIVE;
    private static final List<String> OPEN = List.of("PROPOSED", "ASSIGNED", "IN_PROGRESS");

    private final MongoTemplate mongo;

    CountermeasureQueries(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Which countermeasures to list; null parts do not filter. */
    record CountermeasureFilter(String owner, String status, String postMortemId, LocalDate overdueOn, Instant revisitDueBefore) {
    }

    PageResult<CountermeasureDocument> countermeasures(CountermeasureFilter filter, int page, int size) {
        List<Criteria> criteria = new ArrayList<>(List.of(ReadModel.visible()));
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
        return ReadModel.page(mongo, criteria, page, size, sort, CountermeasureDocument.class, COLLECTIONS.countermeasures());
    }

    /**
     * Follow-through per owner, counted over every assigned countermeasure (a proposed one has no owner yet).
     * Counted here rather than by the database: the embedded MongoDB-wire server's aggregation is limited, and a
     * few tens of thousands of small documents are counted in milliseconds.
     */
    List<OwnerFollowThrough> followThroughByOwner(LocalDate today, Instant revisitDueBefore) {
        Query query = Query.query(new Criteria().andOperator(Criteria.where("owner").ne(null), ReadModel.visible()));
        query.fields().include("owner", "status", "targetDate", "completedAt", "lastRevisitedAt");
        Map<String, int[]> counts = new TreeMap<>();
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
}
