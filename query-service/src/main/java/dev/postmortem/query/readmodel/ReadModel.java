package dev.postmortem.query.readmodel;

import dev.postmortem.query.security.Viewer;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.List;

/** Reading the read model's collections as the current user: only what they may see, a page at a time. */
public final class ReadModel {

    private ReadModel() {
    }

    /**
     * Open post-mortems, or restricted ones naming the current user or one of their groups; stuck ones only for admins.
     * Works for the views and the countermeasures alike (both keep {@code visibleTo}; a stuck view has a {@code stuck}
     * document, a stuck post-mortem's countermeasure {@code stuck: true}).
     */
    public static Criteria visible() {
        Viewer viewer = Viewer.current();
        Criteria restriction = new Criteria().orOperator(Criteria.where("visibleTo").is(null),
                Criteria.where("visibleTo").in(viewer.principals()));
        if (viewer.admin()) {
            return restriction;
        }
        return new Criteria().andOperator(restriction,
                new Criteria().orOperator(Criteria.where("stuck").is(null), Criteria.where("stuck").is(false)));
    }

    /** The page of what all of {@code criteria} match, in {@code sort} order, and how many match in all. */
    public static <T> PageResult<T> page(MongoTemplate mongo, List<Criteria> criteria, int page, int size, Sort sort,
                                         Class<T> type, String collection) {
        Query query = criteria.isEmpty() ? new Query() : Query.query(new Criteria().andOperator(criteria.toArray(Criteria[]::new)));
        long total = mongo.count(query, type, collection);
        List<T> items = mongo.find(query.with(sort).skip((long) page * size).limit(size), type, collection);
        return new PageResult<>(items, page, size, total);
    }
}
