package org.spindle.sim;

import org.spindle.core.codec.Encoder;
import org.spindle.protocol.runtime.Message;

/** A test message of a chosen encoded size: a tag, its id, then zero padding. */
record Blob(int id, int size) implements Message {
    Blob {
        if (size < 5) {
            throw new IllegalArgumentException("a blob has at least 5 bytes");
        }
    }

    @Override
    public int typeTag() {
        return 200;
    }

    @Override
    public void encodeBody(Encoder out) {
        out.i32(id).raw(new byte[size - 5]);
    }

    @Override
    public int encodedSize() {
        return size;
    }
}
