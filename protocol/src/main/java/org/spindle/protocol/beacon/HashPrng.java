package org.spindle.protocol.beacon;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;

/**
 * A pseudo-random stream fixed forever by its seed: block {@code i} is
 * {@code SHA-256(seed ‖ domain ‖ i as 8 big-endian bytes)}, read as four big-endian longs. Unlike
 * {@code java.util.Random} or {@code SplittableRandom}, nothing here can change with a JDK release,
 * so every node and every future version derives the same shard assignment from the same beacon
 * output. The domain string separates streams drawn from one seed (assignment, reconfiguration).
 *
 * <p>Not thread-safe; cheap to create.
 */
public final class HashPrng {
    private final byte[] prefix;
    private final MessageDigest md = Hashing.sha256Digest();
    private long counter;
    private final long[] block = new long[4];
    private int used = 4;

    public HashPrng(Hash seed, String domain) {
        byte[] d = domain.getBytes(StandardCharsets.UTF_8);
        prefix = new byte[Hash.SIZE + d.length];
        System.arraycopy(seed.bytes().unsafeArray(), 0, prefix, 0, Hash.SIZE);
        System.arraycopy(d, 0, prefix, Hash.SIZE, d.length);
    }

    /** The next 64 uniformly distributed bits. */
    public long nextLong() {
        if (used == 4) {
            refill();
        }
        return block[used++];
    }

    /**
     * A uniform integer in [0, bound): draws in the top partial range of 2^64 (the last
     * {@code 2^64 mod bound} values) are redrawn, so there is no modulo bias.
     */
    public long nextBelow(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Largest multiple of bound that fits in the unsigned 64-bit range; draws at or above it are redrawn.
        long limit = Long.remainderUnsigned(-bound, bound); // (2^64 mod bound)
        while (true) {
            long r = nextLong();
            if (Long.compareUnsigned(r, -limit) < 0 || limit == 0) {
                return Long.remainderUnsigned(r, bound);
            }
        }
    }

    public int nextInt(int bound) {
        return (int) nextBelow(bound);
    }

    private void refill() {
        md.reset();
        md.update(prefix);
        byte[] c = new byte[8];
        long v = counter++;
        for (int i = 7; i >= 0; i--) {
            c[i] = (byte) v;
            v >>>= 8;
        }
        md.update(c);
        byte[] out = md.digest();
        for (int k = 0; k < 4; k++) {
            long x = 0;
            for (int i = 0; i < 8; i++) {
                x = (x << 8) | (out[k * 8 + i] & 0xFF);
            }
            block[k] = x;
        }
        used = 0;
    }
}
