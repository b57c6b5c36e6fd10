package org.spindle.protocol.beacon;

/** The membership rule a genesis chooses, with its parameters. */
public sealed interface MembershipConfig {
    MembershipRule rule();

    /** Uniform random shards (baseline). */
    record Baseline(ShardCount shards) implements MembershipConfig {
        @Override
        public MembershipRule rule() {
            return new UniformMembership(shards);
        }
    }

    /** Reticulum's process shards of Np and control shards of Nc (Algorithm 1). */
    record Reticulum(int processShardSize, int controlShardSize) implements MembershipConfig {
        @Override
        public MembershipRule rule() {
            return new ReticulumMembership(processShardSize, controlShardSize);
        }
    }

    /** SpiralShard's uniform shards in endorsement groups of {@code groupSize} consecutive shards. */
    record SpiralShard(ShardCount shards, int groupSize) implements MembershipConfig {
        @Override
        public MembershipRule rule() {
            return new SpiralShardMembership(shards, groupSize);
        }
    }
}
