package org.spindle.core.ledger;

import org.spindle.core.bytes.Address;
import org.spindle.core.crypto.Hashing;

/**
 * Which shard an account lives in.
 *
 * <p>Rule: let {@code h} be the first eight bytes of {@code keccak256(address)} read as an
 * unsigned big-endian 64-bit integer; then {@code shardOf = floor(h × shardCount / 2^64)}. The
 * hash space is cut into {@code shardCount} equal contiguous intervals, so shards get addresses
 * uniformly (to within {@code shardCount / 2^64}) and re-sharding from n to m shards moves whole
 * intervals, which the dynamic protocol relies on.
 */
public final class ShardMath {
    public static final int MAX_SHARDS = 1 << 16;

    private ShardMath() {}

    public static int shardOf(Address address, int shardCount) {
        if (shardCount < 1 || shardCount > MAX_SHARDS) {
            throw new IllegalArgumentException("shard count must be in [1, " + MAX_SHARDS + "], got " + shardCount);
        }
        if (shardCount == 1) {
            return 0; // floor(h × 1 / 2^64) for any h: no hash needed
        }
        long h = Hashing.keccak256(address.bytes().unsafeArray()).prefixLong();
        return (int) Math.unsignedMultiplyHigh(h, shardCount);
    }
}
