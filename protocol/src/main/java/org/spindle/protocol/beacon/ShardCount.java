package org.spindle.protocol.beacon;

import org.spindle.protocol.sizing.BaselineSizing;
import org.spindle.protocol.sizing.ThresholdRule;

/** How many uniform shards the active validators form: a fixed count, a target size or a security target. */
public sealed interface ShardCount {

    /** The number of shards for {@code validators} active validators (at least one, at most one per validator). */
    int shardsFor(int validators);

    /** Always {@code count} shards; needs at least {@code count} validators. */
    record Fixed(int count) implements ShardCount {
        public Fixed {
            if (count < 1) {
                throw new IllegalArgumentException("shard count must be at least 1, got " + count);
            }
        }

        @Override
        public int shardsFor(int validators) {
            if (validators < count) {
                throw new IllegalArgumentException(validators + " validators cannot fill " + count + " shards");
            }
            return count;
        }
    }

    /** ⌊n/size⌋ shards (at least one), so every shard has at least {@code size} members when n ≥ size. */
    record TargetSize(int size) implements ShardCount {
        public TargetSize {
            if (size < 1) {
                throw new IllegalArgumentException("shard size must be at least 1, got " + size);
            }
        }

        @Override
        public int shardsFor(int validators) {
            if (validators < 1) {
                throw new IllegalArgumentException("no validators to assign");
            }
            return Math.max(1, validators / size);
        }
    }

    /**
     * The shard size from {@link BaselineSizing} (hypergeometric, ties count as failure) for the
     * given adversarial fraction and per-shard failure target, then as {@link TargetSize}. When no
     * size meets the target, all validators form one shard.
     */
    record Secure(double adversary, double failureTarget, BaselineSizing.Model model) implements ShardCount {
        public Secure {
            if (!(adversary >= 0 && adversary < 1)) {
                throw new IllegalArgumentException("adversary must be in [0, 1), got " + adversary);
            }
            if (!(failureTarget > 0 && failureTarget < 1)) {
                throw new IllegalArgumentException("failure target must be in (0, 1), got " + failureTarget);
            }
        }

        public long shardSize(int validators) {
            var q = new BaselineSizing.Query(validators, adversary, model, ThresholdRule.TIE_FAILS, failureTarget, false);
            return BaselineSizing.size(q).shardSize().orElse(validators);
        }

        @Override
        public int shardsFor(int validators) {
            if (validators < 1) {
                throw new IllegalArgumentException("no validators to assign");
            }
            return (int) Math.max(1, validators / shardSize(validators));
        }
    }
}
