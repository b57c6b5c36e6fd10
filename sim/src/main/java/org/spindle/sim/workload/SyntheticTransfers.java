package org.spindle.sim.workload;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/**
 * Transfers between the accounts of an {@link AccountSampler}: the sender is drawn by weight; with
 * probability {@code crossShardRatio} the recipient is drawn (by weight) among accounts of other
 * shards, otherwise among accounts of the sender's shard other than the sender. The value is
 * uniform in {@code [minValue, maxValue]}. With one shard, every transfer is intra-shard.
 */
public final class SyntheticTransfers implements TransferSource {
    /** Redraws before accepting a self-transfer in a shard where the sender dominates the weight. */
    private static final int SELF_REDRAWS = 16;

    private final AccountSampler accounts;
    private final double crossShardRatio;
    private final long minValue;
    private final long maxValue;
    private final RandomGenerator random;

    public SyntheticTransfers(AccountSampler accounts, double crossShardRatio, long minValue, long maxValue,
            RandomGenerator random) {
        if (!(crossShardRatio >= 0 && crossShardRatio <= 1)) {
            throw new IllegalArgumentException("cross-shard ratio must be in [0, 1], got " + crossShardRatio);
        }
        if (minValue < 0 || maxValue < minValue) {
            throw new IllegalArgumentException("need 0 <= minValue <= maxValue, got " + minValue + ".." + maxValue);
        }
        this.accounts = accounts;
        this.crossShardRatio = crossShardRatio;
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.random = random;
    }

    public AccountSampler accounts() {
        return accounts;
    }

    @Override
    public Transfer next() {
        int from = accounts.sample(random);
        int shard = accounts.shardOf(from);
        // Draw the coin even with one shard so the random stream does not depend on the shard count.
        boolean cross = random.nextDouble() < crossShardRatio;
        int to = cross ? accounts.sampleOutsideShard(random, shard) : -1;
        if (to < 0) {
            to = accounts.sampleInShard(random, shard);
            for (int i = 0; i < SELF_REDRAWS && to == from && accounts.accountsInShard(shard) > 1; i++) {
                to = accounts.sampleInShard(random, shard);
            }
        }
        // nextLong's bound is exclusive; at maxValue = Long.MAX_VALUE the top value is simply never drawn.
        long value = minValue == maxValue ? minValue
                : random.nextLong(minValue, maxValue == Long.MAX_VALUE ? maxValue : maxValue + 1);
        return new Transfer(accounts.account(from), accounts.account(to), BigInteger.valueOf(value));
    }
}
