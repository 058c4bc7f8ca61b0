package dev.postmortem.localstack.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * mongo-java-server's H2 backend (the views survive restarts), with its unique indexes — every collection's
 * {@code _id} index among them — kept in maps that compare keys directly ({@link KeyValueType}) instead of
 * Java-serialising both keys on every comparison, and its documents kept as BSON ({@link BsonCollection}) instead of
 * Java-serialised. Everything else is the stock backend's: the collections' metadata and the file format.
 * <p>
 * The index maps have names of their own ({@code <db>.<collection>._keys_<index>}; the stock backend's are
 * {@code ._index_}), since their order differs: a data file written by the stock backend opens here with its indexes
 * rebuilt from the documents (which the backend does for any empty index) and its old index maps removed; its
 * documents are copied into BSON once (the collection's metadata then carries the mark).
 * <p>
 * Its scans hold on to the version of the store they read (see {@link BsonCollection}), and it mends the stock
 * backend's rename of a collection, which left the documents behind under the old name (see
 * {@link Database#moveCollection}); a renamed collection takes all its maps along.
 */
public final class KeyValueH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(KeyValueH2Backend.class);
    private static final String INDEX_MAP = "._keys_";
    private static final String STOCK_INDEX_MAP = "._index_";
    /** The stock backend's names of a collection's maps of documents and of metadata (its constants are not public). */
    private static final String DATA_MAPS = "databases.";
    private static final String META_MAPS = "meta.";
    /** The mark, in a collection's metadata, of documents kept as BSON; and the name of a map being copied into BSON. */
    private static final String DOCUMENT_FORMAT = "postmortem.documentFormat";
    private static final String BSON = "bson";
    private static final String CONVERTING = "._bson_copy";

    /** Opens (or creates) the data file; {@code null} for a store in memory only. */
    public KeyValueH2Backend(String fileName) {
        super(MVStore.open(fileName));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getCursorRegistry());
    }

    private static MVMap.Builder<Object, byte[]> documentMap() {
        return new MVMap.Builder<Object, byte[]>().valueType(ByteArrayDataType.INSTANCE);
    }

    private static MVMap.Builder<KeyValue, Object> indexMap() {
        return new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueType());
    }

    /**
     * An inner class, so that it reaches the store through its backend: H2Database's constructor opens the indexes
     * already stored (calling {@link #openOrCreateUniqueIndex}) before a field of this class could be set, whereas the
     * reference to the enclosing backend is set before that constructor runs.
     */
    private final class Database extends H2Database {

        Database(String databaseName, CursorRegistry cursorRegistry) {
            super(databaseName, getMvStore(), cursorRegistry);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            String stockName = getFullCollectionNamespace(collectionName) + STOCK_INDEX_MAP + indexName;
            if (getMvStore().hasMap(stockName)) {
                log.info("index {} was written by the stock backend; it is rebuilt from the documents", stockName);
                getMvStore().removeMap(stockName);
            }
            MVMap<KeyValue, Object> map = getMvStore().openMap(indexMapName(getFullCollectionNamespace(collectionName), indexName), indexMap());
            return new KeyValueIndex(map, indexName, keys, sparse);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String name = getFullCollectionNamespace(collectionName);
            MVMap<String, Object> metadata = getMvStore().openMap(META_MAPS + name);
            MVMap<Object, byte[]> documents = openDocuments(DATA_MAPS + name, metadata);
            return new BsonCollection(this, collectionName, options, getMvStore(), documents, metadata, cursorRegistry);
        }

        /**
         * The collection's map of documents as BSON bytes (see {@link BsonCollection}). A map the stock backend wrote
         * (documents Java-serialised; its metadata lacks the mark) is copied into BSON once, under the same name.
         */
        private MVMap<Object, byte[]> openDocuments(String mapName, MVMap<String, Object> metadata) {
            MVStore store = getMvStore();
            if (!BSON.equals(metadata.get(DOCUMENT_FORMAT)) && store.hasMap(mapName)) {
                MVMap<Object, Document> stock = store.openMap(mapName);
                MVMap<Object, byte[]> copy = store.openMap(mapName + CONVERTING, documentMap());
                copy.clear();
                stock.forEach((key, document) -> copy.put(key, BsonCollection.encode(document)));
                log.info("the documents of {} were written by the stock backend; {} copied into BSON", mapName, copy.size());
                store.removeMap(stock);
                store.renameMap(copy, mapName);
            }
            metadata.put(DOCUMENT_FORMAT, BSON);
            return store.openMap(mapName, documentMap());
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            getMvStore().removeMap(indexMapName(collection.getFullName(), indexName));
        }

        /**
         * Renames the collection's maps along with it: its documents, its metadata and its index maps. The stock
         * method looks the maps up by the collection's name after it has already changed, so it renames nothing and
         * the documents stay in a map of the old name, which no one opens again: a renamed collection (a rebuild's
         * switch-over) came back empty after a restart.
         */
        @Override
        public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
            String oldName = collection.getFullName();
            super.moveCollection(oldDatabase, collection, newCollectionName);
            String newName = getFullCollectionNamespace(newCollectionName);
            moveMap(DATA_MAPS + oldName, DATA_MAPS + newName, documentMap());
            moveMap(META_MAPS + oldName, META_MAPS + newName, new MVMap.Builder<>());
            String oldIndexes = oldName + INDEX_MAP;
            for (String name : List.copyOf(getMvStore().getMapNames())) {
                if (name.startsWith(oldIndexes)) {
                    moveMap(name, newName + INDEX_MAP + name.substring(oldIndexes.length()), indexMap());
                }
            }
        }

        /** Gives a map a new name; an empty map of that name (one the stock method opened) is removed first. */
        private <K, V> void moveMap(String from, String to, MVMap.Builder<K, V> type) {
            MVStore store = getMvStore();
            if (!store.hasMap(from)) {
                return;
            }
            if (store.hasMap(to)) {
                // Whatever type it was opened with (the stock method opens it with H2's defaults).
                MVMap<Object, Object> existing = store.openMap(to);
                if (!existing.isEmpty()) {
                    throw new IllegalStateException("cannot rename " + from + " to " + to + ": a map of that name holds data");
                }
                store.removeMap(existing);
            }
            store.renameMap(store.openMap(from, type), to);
        }

        private static String indexMapName(String collectionNamespace, String indexName) {
            return collectionNamespace + INDEX_MAP + indexName;
        }
    }
}
