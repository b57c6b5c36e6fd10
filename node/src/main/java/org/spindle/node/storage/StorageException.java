package org.spindle.node.storage;

/** The disk store failed (I/O error, corruption, locked by another process). */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
