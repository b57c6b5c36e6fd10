package org.spindle.node.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.storage.Storage;
import org.spindle.core.storage.WriteBatch;

/**
 * A {@link Storage} on RocksDB, ordered by RocksDB's default bytewise comparator, which is the
 * unsigned order {@link org.spindle.core.storage.MemoryStorage} uses. With {@code sync} every write
 * is fsynced before it returns (what a vote persisted before sending needs); without it a crash of
 * the machine may lose the latest writes, though never tear a batch.
 */
public final class RocksStorage implements Storage {
    static {
        RocksDB.loadLibrary();
    }

    private final Options options;
    private final WriteOptions writeOptions;
    /** Never syncs: RocksDB's write-ahead log keeps writes in order, so the next synced write covers these. */
    private final WriteOptions unsynced;
    private final RocksDB db;
    private boolean closed;

    private RocksStorage(Options options, WriteOptions writeOptions, RocksDB db) {
        this.options = options;
        this.writeOptions = writeOptions;
        this.unsynced = new WriteOptions().setSync(false);
        this.db = db;
    }

    /** Opens (creating if needed) the database in {@code dir}. */
    public static RocksStorage open(Path dir, boolean sync) {
        Options options = new Options().setCreateIfMissing(true);
        WriteOptions writeOptions = new WriteOptions().setSync(sync);
        try {
            Files.createDirectories(dir);
            return new RocksStorage(options, writeOptions, RocksDB.open(options, dir.toString()));
        } catch (RocksDBException | java.io.IOException e) {
            writeOptions.close();
            options.close();
            throw new StorageException("cannot open RocksDB in " + dir + ": " + e.getMessage(), e);
        }
    }

    public static RocksStorage open(Path dir) {
        return open(dir, false);
    }

    @Override
    public Optional<Bytes> get(Bytes key) {
        checkOpen();
        try {
            byte[] v = db.get(key.unsafeArray());
            return v == null ? Optional.empty() : Optional.of(Bytes.wrap(v));
        } catch (RocksDBException e) {
            throw new StorageException("get failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void put(Bytes key, Bytes value) {
        checkOpen();
        try {
            db.put(writeOptions, key.unsafeArray(), value.unsafeArray());
        } catch (RocksDBException e) {
            throw new StorageException("put failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(Bytes key) {
        checkOpen();
        try {
            db.delete(writeOptions, key.unsafeArray());
        } catch (RocksDBException e) {
            throw new StorageException("delete failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void write(WriteBatch batch) {
        write(batch, writeOptions);
    }

    @Override
    public void writeUnsynced(WriteBatch batch) {
        write(batch, unsynced);
    }

    private void write(WriteBatch batch, WriteOptions options) {
        checkOpen();
        try (org.rocksdb.WriteBatch wb = new org.rocksdb.WriteBatch()) {
            for (WriteBatch.Op op : batch.ops()) {
                if (op.isDelete()) {
                    wb.delete(op.key().unsafeArray());
                } else {
                    wb.put(op.key().unsafeArray(), op.value().unsafeArray());
                }
            }
            db.write(options, wb);
        } catch (RocksDBException e) {
            throw new StorageException("batch write failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void scan(Bytes prefix, BiConsumer<Bytes, Bytes> visitor) {
        checkOpen();
        byte[] p = prefix.unsafeArray();
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(p); it.isValid(); it.next()) {
                byte[] k = it.key();
                if (k.length < p.length || !Arrays.equals(k, 0, p.length, p, 0, p.length)) {
                    break;
                }
                visitor.accept(Bytes.wrap(k), Bytes.wrap(it.value()));
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StorageException("scan failed: " + e.getMessage(), e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("storage is closed");
        }
    }

    /** Flushes and releases the database; closing twice is harmless. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            db.closeE();
        } catch (RocksDBException e) {
            throw new StorageException("close failed: " + e.getMessage(), e);
        } finally {
            writeOptions.close();
            unsynced.close();
            options.close();
        }
    }
}
