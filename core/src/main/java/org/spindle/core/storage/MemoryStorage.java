package org.spindle.core.storage;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.spindle.core.bytes.Bytes;

/** An in-memory {@link Storage}, ordered like RocksDB's default comparator (unsigned bytes). */
public final class MemoryStorage implements Storage {
    private final TreeMap<Bytes, Bytes> map = new TreeMap<>();

    @Override
    public Optional<Bytes> get(Bytes key) {
        return Optional.ofNullable(map.get(key));
    }

    @Override
    public void put(Bytes key, Bytes value) {
        map.put(key, value);
    }

    @Override
    public void delete(Bytes key) {
        map.remove(key);
    }

    @Override
    public void write(WriteBatch batch) {
        for (WriteBatch.Op op : batch.ops()) {
            if (op.isDelete()) {
                map.remove(op.key());
            } else {
                map.put(op.key(), op.value());
            }
        }
    }

    @Override
    public void scan(Bytes prefix, BiConsumer<Bytes, Bytes> visitor) {
        for (Map.Entry<Bytes, Bytes> e : map.tailMap(prefix, true).entrySet()) {
            if (!startsWith(e.getKey(), prefix)) {
                break;
            }
            visitor.accept(e.getKey(), e.getValue());
        }
    }

    public int size() {
        return map.size();
    }

    static boolean startsWith(Bytes key, Bytes prefix) {
        if (key.size() < prefix.size()) {
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (key.get(i) != prefix.get(i)) {
                return false;
            }
        }
        return true;
    }
}
