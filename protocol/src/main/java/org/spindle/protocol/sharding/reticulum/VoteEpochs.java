package org.spindle.protocol.sharding.reticulum;

/**
 * The epoch numbers Reticulum's synchronous votes sign, kept apart so that no signature of one vote
 * counts in another: the process-shard vote of epoch e signs {@code e·2^12}, attempt k of its
 * control vote {@code e·2^12 + 1 + k}.
 */
public final class VoteEpochs {
    public static final int MAX_ATTEMPTS = (1 << 12) - 1;

    private VoteEpochs() {}

    public static long process(long epoch) {
        return epoch << 12;
    }

    public static long control(long epoch, int attempt) {
        if (attempt < 0 || attempt >= MAX_ATTEMPTS) {
            throw new IllegalArgumentException("attempt must be in 0.." + (MAX_ATTEMPTS - 1));
        }
        return (epoch << 12) + 1 + attempt;
    }
}
