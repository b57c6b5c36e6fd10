package org.spindle.core.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.spindle.core.bytes.Bytes;

/** An ordered list of puts and deletes that a {@link Storage} applies atomically. */
public final class WriteBatch {
    /** One operation; a null value means delete. */
    public record Op(Bytes key, Bytes value) {
        public boolean isDelete() {
            return value == null;
        }
    }

    private final List<Op> ops = new ArrayList<>();

    public WriteBatch put(Bytes key, Bytes value) {
        ops.add(new Op(key, value));
        return this;
    }

    public WriteBatch delete(Bytes key) {
        ops.add(new Op(key, null));
        return this;
    }

    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    public int size() {
        return ops.size();
    }
}
