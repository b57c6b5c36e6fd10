package org.spindle.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.storage.Storage;
import org.spindle.core.storage.StorageContract;
import org.spindle.core.storage.WriteBatch;

class RocksStorageTest extends StorageContract {
    @TempDir
    Path dir;

    @Override
    protected Storage create() {
        return RocksStorage.open(dir.resolve("contract"));
    }

    @Test
    void whatWasWrittenIsReadBackAfterCloseAndReopen() {
        Path db = dir.resolve("reopen");
        try (RocksStorage s = RocksStorage.open(db, true)) {
            s.put(b(1), b(10));
            s.write(new WriteBatch().put(b(2, 0), b(20)).put(b(2, 1), b(21)).delete(b(1)));
        }
        try (RocksStorage s = RocksStorage.open(db)) {
            assertThat(s.get(b(1))).isEmpty();
            assertThat(s.get(b(2, 1))).contains(b(21));
            assertThat(keysUnder(s, b(2))).containsExactly(b(2, 0), b(2, 1));
        }
    }

    @Test
    void anUnsyncedBatchOfASyncingStoreIsAppliedAtOnceAndKeptWithTheSyncedWritesAfterIt() {
        Path db = dir.resolve("unsynced");
        try (RocksStorage s = RocksStorage.open(db, true)) {
            s.writeUnsynced(new WriteBatch().put(b(3, 0), b(30)).put(b(3, 1), b(31)));
            assertThat(s.get(b(3, 0))).contains(b(30));
            s.writeUnsynced(new WriteBatch().delete(b(3, 0)));
            s.put(b(4), b(40)); // synced: makes the unsynced writes before it durable too
        }
        try (RocksStorage s = RocksStorage.open(db)) {
            assertThat(keysUnder(s, b(3))).containsExactly(b(3, 1));
            assertThat(s.get(b(4))).contains(b(40));
        }
    }

    @Test
    void aClosedStoreRefusesUseAndClosingTwiceIsHarmless() {
        RocksStorage s = RocksStorage.open(dir.resolve("closed"));
        s.close();
        s.close();
        assertThatThrownBy(() -> s.get(Bytes.EMPTY)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSecondOpenOfTheSameDirectoryFailsWithAStorageError() {
        try (RocksStorage s = RocksStorage.open(dir.resolve("locked"))) {
            s.put(b(1), b(1));
            assertThatThrownBy(() -> RocksStorage.open(dir.resolve("locked")))
                    .isInstanceOf(StorageException.class).hasMessageContaining("cannot open");
        }
    }
}
