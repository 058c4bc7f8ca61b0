package dev.postmortem.localstack.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A collection of the project's H2 backend: its documents kept as BSON bytes, the server's own wire encoding, keyed by
 * their {@code _id} as in the stock backend. A document is encoded when it is written and decoded each time it is
 * read, so what the store holds is never a live object: the server changes the document it read in place while
 * updating it, and the store's background writer, serialising a page that held that very object, failed with a
 * {@code ConcurrentModificationException} and closed the store. It also replaces the stock backend's Java
 * serialisation of documents (ObjectInputStream was most of the embedded server's time under a scan).
 * <p>
 * Its scans hold on to the version of the store they read. A query the indexes cannot answer walks the whole map from
 * the root it started at; the store's background writer, committing every second, keeps only a few versions and
 * frees the chunks of older ones — so a scan that outlived them failed with "Chunk … not found" (seen at 500,000
 * documents in {@code bench/store.sh}, with the stock backend alike).
 */
final class BsonCollection extends AbstractSynchronizedMongoCollection<Object> {

    private static final String DATA_SIZE = "dataSize";

    private final MVStore store;
    private final MVMap<Object, byte[]> documents;
    private final MVMap<String, Object> metadata;

    BsonCollection(MongoDatabase database, String name, CollectionOptions options, MVStore store, MVMap<Object, byte[]> documents,
                   MVMap<String, Object> metadata, CursorRegistry cursors) {
        super(database, name, options, cursors);
        this.store = store;
        this.documents = documents;
        this.metadata = metadata;
        metadata.putIfAbsent(DATA_SIZE, 0L);
    }

    static byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(1024);
        try {
            BsonEncoder.encodeDocument(document, buffer);
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.readBytes(bytes);
            return bytes;
        } finally {
            buffer.release();
        }
    }

    static Document decode(byte[] bytes) {
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object key = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        byte[] previous = documents.putIfAbsent(Missing.ofNullable(key), encode(document));
        if (previous != null) {
            throw new IllegalStateException("a document with key '" + key + "' already existed in " + this);
        }
        return key;
    }

    @Override
    protected Document getDocument(Object position) {
        byte[] stored = documents.get(position);
        return stored == null ? null : decode(stored);
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        documents.put(Missing.ofNullable(position), encode(newDocument));
    }

    @Override
    protected void removeDocument(Object position) {
        if (documents.remove(position) == null) {
            throw new NoSuchElementException("no document with key " + position);
        }
    }

    @Override
    public int count() {
        return documents.size();
    }

    @Override
    public boolean isEmpty() {
        return documents.isEmpty();
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return documents.entrySet().stream().map(entry -> new DocumentWithPosition<>(decode(entry.getValue()), entry.getKey()));
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
                                         Document fieldSelector) {
        MVStore.TxCounter reading = store.registerVersionUsage();
        try {
            Stream<Document> scanned = isNaturalDescending(orderBy)
                    ? streamAllDocumentsWithPosition().sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                                                      .map(DocumentWithPosition::getDocument)
                    : documents.values().stream().map(BsonCollection::decode);
            return matchDocumentsFromStream(scanned, query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        } finally {
            store.deregisterVersionUsage(reading);
        }
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        synchronized (metadata) {
            metadata.put(DATA_SIZE, ((Number) metadata.get(DATA_SIZE)).longValue() + sizeDelta);
        }
    }

    @Override
    protected int getDataSize() {
        return ((Number) metadata.get(DATA_SIZE)).intValue();
    }
}
