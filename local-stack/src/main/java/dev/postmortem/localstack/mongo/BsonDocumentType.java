package dev.postmortem.localstack.mongo;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;

/**
 * How a collection's map keeps its documents: as BSON, the server's own wire encoding ({@link BsonEncoder},
 * {@link BsonDecoder}), behind the length of the encoding. The stock backend leaves documents to H2's
 * {@link org.h2.mvstore.type.ObjectDataType}, which Java-serialises them: reading a stored document back was most of the
 * embedded server's time under a scan or a rebuild (ObjectInputStream in its profile). Every document the server holds
 * came in as BSON and goes out as BSON, so BSON holds exactly what it can hold.
 * <p>
 * Documents are values, never keys: they are compared only for equality. Their size in memory, which the store's
 * cache counts, is estimated from the average encoded size so far, as H2 does for serialised objects.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    /** A running average of the encoded size, for {@link #getMemory}; a race between threads only blurs an estimate. */
    private volatile int averageSize = 1024;

    @Override
    public int getMemory(Document document) {
        return 2 * averageSize;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        ByteBuf encoded = Unpooled.buffer(averageSize + 64);
        try {
            BsonEncoder.encodeDocument(document, encoded);
            int size = encoded.readableBytes();
            buffer.putVarInt(size);
            buffer.put(encoded.nioBuffer(encoded.readerIndex(), size));
            observe(size);
        } finally {
            encoded.release();
        }
    }

    @Override
    public Document read(ByteBuffer buffer) {
        int size = org.h2.mvstore.DataUtils.readVarInt(buffer);
        ByteBuffer slice = buffer.slice();
        slice.limit(size);
        buffer.position(buffer.position() + size);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(slice));
    }

    @Override
    public int compare(Document a, Document b) {
        return a == b || a != null && a.equals(b) ? 0 : 1;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }

    private void observe(int size) {
        averageSize = (int) ((size + averageSize * 15L) / 16);
    }
}
