package dev.postmortem.localstack.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * How an index map keeps its keys: a {@link KeyValue} is compared value by value as the values are (a string as a
 * string, a number as a number), and written as its values in H2's own compact encoding.
 * <p>
 * The stock backend leaves {@code KeyValue} to H2's {@link ObjectDataType}, which cannot compare a class it does not
 * know and so Java-serialises both keys on every comparison: a lookup in a map of n keys serialised 2 log n keys, and an
 * upsert costs more the larger the collection. Here only what is stored is encoded, once per page write.
 * <p>
 * Two keys compare as equal exactly when their values are equal (same count, each pair equal by H2's comparison of its
 * type), which is what a unique index needs; the order itself matters to nobody (the backend finds ranges by
 * scanning), so it need not match the stock map's order of serialised bytes — which is why this type opens maps of its
 * own name (see {@link KeyValueH2Backend}).
 */
final class KeyValueType extends BasicDataType<KeyValue> {

    /** Compares, sizes and encodes the single values; H2's, so that strings, numbers and dates are handled natively. */
    private final ObjectDataType values = new ObjectDataType();

    @Override
    public int compare(KeyValue a, KeyValue b) {
        if (a == b) {
            return 0;
        }
        int sizes = Integer.compare(a.size(), b.size());
        if (sizes != 0) {
            return sizes;
        }
        for (int i = 0; i < a.size(); i++) {
            int value = values.compare(a.get(i), b.get(i));
            if (value != 0) {
                return value;
            }
        }
        return 0;
    }

    @Override
    public int getMemory(KeyValue key) {
        int memory = 24;
        for (Object value : key) {
            memory += values.getMemory(value);
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            values.write(buffer, value);
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> read = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            read.add(values.read(buffer));
        }
        return new KeyValue(read);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
