package org.spindle.protocol.sharding.reticulum;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.spindle.core.bytes.Hash;

/**
 * The accepted control blocks as the public communication chain records them, by hash: what a
 * destination shard consults to decide whether a relayed process-block header is final. Keeps the
 * latest {@code capacity} blocks (bounded memory). Not thread-safe.
 */
public final class ControlChain {
    private final int capacity;
    private final LinkedHashMap<Hash, ControlBlock> blocks;

    public ControlChain(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.blocks = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Hash, ControlBlock> eldest) {
                return size() > ControlChain.this.capacity;
            }
        };
    }

    /** Records an accepted control block; recording it again changes nothing. */
    public void record(ControlBlock block) {
        blocks.putIfAbsent(block.hash(), block);
    }

    public Optional<ControlBlock> find(Hash hash) {
        return Optional.ofNullable(blocks.get(hash));
    }
}
