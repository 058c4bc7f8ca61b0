package dev.postmortem.query.projection;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

import java.util.List;

/**
 * The names of one generation of the read model's collections. The live generation has the plain names; a rebuild
 * fills a generation with a suffix and then takes the plain names over.
 */
public record ProjectionCollections(String views, String history, String countermeasures, String kpiFacts) {

    public static final ProjectionCollections LIVE = new ProjectionCollections("postmortems", "history", "countermeasures", "kpi_facts");

    public static ProjectionCollections rebuild(String suffix) {
        return new ProjectionCollections(LIVE.views + "_" + suffix, LIVE.history + "_" + suffix, LIVE.countermeasures + "_" + suffix,
                LIVE.kpiFacts + "_" + suffix);
    }

    /** Every collection of this generation. */
    public List<String> all() {
        return List.of(views, history, countermeasures, kpiFacts);
    }

    /**
     * The indexes the queries use. A real MongoDB builds them; the embedded MongoDB-wire server accepts and ignores
     * non-unique ones (its queries scan), which is fine at its scale.
     */
    public void ensureIndexes(MongoTemplate mongo) {
        mongo.indexOps(views).ensureIndex(new Index().on("status", Sort.Direction.ASC).on("lastChangedAt", Sort.Direction.DESC));
        mongo.indexOps(views).ensureIndex(new Index().on("severity", Sort.Direction.ASC));
        mongo.indexOps(views).ensureIndex(new Index().on("tags", Sort.Direction.ASC));
        mongo.indexOps(history).ensureIndex(new Index().on("postMortemId", Sort.Direction.ASC).on("bucket", Sort.Direction.ASC));
        mongo.indexOps(countermeasures).ensureIndex(new Index().on("owner", Sort.Direction.ASC).on("status", Sort.Direction.ASC));
        mongo.indexOps(countermeasures).ensureIndex(new Index().on("postMortemId", Sort.Direction.ASC));
        mongo.indexOps(countermeasures).ensureIndex(new Index().on("targetDate", Sort.Direction.ASC));
        mongo.indexOps(countermeasures).ensureIndex(new Index().on("status", Sort.Direction.ASC).on("completedAt", Sort.Direction.ASC));
    }
}
