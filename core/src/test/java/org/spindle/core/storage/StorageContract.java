package org.spindle.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;

/**
 * The behaviour every {@link Storage} must have, run against each implementation (core publishes
 * this in its test-jar so node can run it against RocksDB).
 */
public abstract class StorageContract {
    protected Storage storage;

    /** A fresh, empty store. */
    protected abstract Storage create() throws Exception;

    @BeforeEach
    void open() throws Exception {
        storage = create();
    }

    @AfterEach
    void closeStore() {
        storage.close();
    }

    protected static Bytes b(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return Bytes.wrap(out);
    }

    protected static List<Bytes> keysUnder(Storage s, Bytes prefix) {
        List<Bytes> keys = new ArrayList<>();
        s.scan(prefix, (k, v) -> keys.add(k));
        return keys;
    }

    @Test
    void aPutValueIsReadBackAndADeletedOneIsGone() {
        storage.put(b(1, 2), b(9));
        assertThat(storage.get(b(1, 2))).contains(b(9));
        storage.put(b(1, 2), b(8));
        assertThat(storage.get(b(1, 2))).contains(b(8));
        storage.delete(b(1, 2));
        assertThat(storage.get(b(1, 2))).isEmpty();
        assertThat(storage.get(b(7))).isEmpty();
    }

    @Test
    void aBatchAppliesItsPutsAndDeletesInOrder() {
        storage.put(b(5), b(1));
        storage.write(new WriteBatch().put(b(1), b(1)).put(b(2), b(2)).delete(b(5)).put(b(1), b(3)).delete(b(2)));
        assertThat(storage.get(b(1))).contains(b(3));
        assertThat(storage.get(b(2))).isEmpty();
        assertThat(storage.get(b(5))).isEmpty();
    }

    @Test
    void aScanVisitsExactlyThePrefixInUnsignedKeyOrder() {
        storage.put(b(0x10, 0xFF), b(1));
        storage.put(b(0x10, 0x01), b(2));
        storage.put(b(0x10, 0x80, 0x00), b(3));
        storage.put(b(0x10), b(4));
        storage.put(b(0x11), b(5));
        storage.put(b(0x0F, 0xFF), b(6));
        assertThat(keysUnder(storage, b(0x10)))
                .containsExactly(b(0x10), b(0x10, 0x01), b(0x10, 0x80, 0x00), b(0x10, 0xFF));
        assertThat(keysUnder(storage, b(0xFF))).isEmpty();
        assertThat(keysUnder(storage, Bytes.EMPTY)).hasSize(6);
    }

    @Test
    void emptyValuesAreStoredAndDistinctFromAbsence() {
        storage.put(b(3), Bytes.EMPTY);
        assertThat(storage.get(b(3))).contains(Bytes.EMPTY);
    }
}
