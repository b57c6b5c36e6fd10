package org.spindle.sim.workload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.spindle.core.bytes.Address;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.ledger.ShardMath;

/**
 * A fixed population of accounts with a popularity weight each, sampled in proportion to weight:
 * over everyone, inside one shard, or outside one shard. Account {@code i} has rank {@code i}:
 * uniform gives every account weight 1, Zipf gives rank {@code i} weight {@code 1/(i+1)^s}
 * (s ≈ 1 fits Ethereum's account activity).
 *
 * <p>How: accounts are laid out grouped by shard, with one cumulative weight array over that
 * layout. A shard is then a contiguous slice of cumulative mass, so "inside shard s" draws a point
 * in the slice and "outside shard s" draws a point in the rest, skipping over the slice; each draw
 * is one binary search, whatever the shard count.
 */
public final class AccountSampler {
    private static final byte[] DOMAIN = "spindle/workload-account".getBytes(StandardCharsets.US_ASCII);

    private final Address[] accounts;
    private final int[] shardOfAccount;
    private final int shardCount;
    /** Account indices, grouped by shard (ascending shard, then ascending index). */
    private final int[] layout;
    /** cumulative[k] = total weight of layout[0..k]. */
    private final double[] cumulative;
    /** Shard s occupies layout positions [shardStart[s], shardStart[s + 1]). */
    private final int[] shardStart;

    private AccountSampler(Address[] accounts, double[] weights, int shardCount) {
        this.accounts = accounts;
        this.shardCount = shardCount;
        int n = accounts.length;
        shardOfAccount = new int[n];
        int[] perShard = new int[shardCount + 1];
        for (int i = 0; i < n; i++) {
            shardOfAccount[i] = ShardMath.shardOf(accounts[i], shardCount);
            perShard[shardOfAccount[i] + 1]++;
        }
        shardStart = new int[shardCount + 1];
        for (int s = 0; s < shardCount; s++) {
            shardStart[s + 1] = shardStart[s] + perShard[s + 1];
        }
        int[] fill = Arrays.copyOf(shardStart, shardCount);
        layout = new int[n];
        for (int i = 0; i < n; i++) {
            layout[fill[shardOfAccount[i]]++] = i;
        }
        cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += weights[layout[k]];
            cumulative[k] = sum;
        }
    }

    /** {@code n} accounts of equal weight. */
    public static AccountSampler uniform(int n, int shardCount) {
        double[] w = new double[checkCount(n)];
        Arrays.fill(w, 1.0);
        return new AccountSampler(generatedAccounts(n), w, shardCount);
    }

    /** {@code n} accounts, rank {@code i} with weight {@code 1/(i+1)^exponent}. */
    public static AccountSampler zipf(int n, double exponent, int shardCount) {
        if (!(exponent >= 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("Zipf exponent must be finite and non-negative, got " + exponent);
        }
        double[] w = new double[checkCount(n)];
        for (int i = 0; i < n; i++) {
            w[i] = Math.pow(i + 1.0, -exponent);
        }
        return new AccountSampler(generatedAccounts(n), w, shardCount);
    }

    /** Given accounts and weights (e.g. a replayed population); weights must be positive. */
    public static AccountSampler of(List<Address> accounts, double[] weights, int shardCount) {
        if (accounts.size() != weights.length) {
            throw new IllegalArgumentException("one weight per account");
        }
        checkCount(accounts.size());
        for (double w : weights) {
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be positive and finite");
            }
        }
        return new AccountSampler(accounts.toArray(Address[]::new), weights.clone(), shardCount);
    }

    private static int checkCount(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one account, got " + n);
        }
        return n;
    }

    /** The {@code i}-th generated account: 20 bytes of keccak256(domain || i), the same in every run. */
    public static Address generatedAccount(long i) {
        byte[] buf = Arrays.copyOf(DOMAIN, DOMAIN.length + 8);
        for (int b = 0; b < 8; b++) {
            buf[DOMAIN.length + b] = (byte) (i >>> (56 - 8 * b));
        }
        return Address.wrap(Arrays.copyOf(Hashing.keccak256(buf).toArray(), Address.SIZE));
    }

    private static Address[] generatedAccounts(int n) {
        Address[] out = new Address[n];
        for (int i = 0; i < n; i++) {
            out[i] = generatedAccount(i);
        }
        return out;
    }

    public int size() {
        return accounts.length;
    }

    public int shardCount() {
        return shardCount;
    }

    public Address account(int index) {
        return accounts[index];
    }

    public int shardOf(int index) {
        return shardOfAccount[index];
    }

    public int accountsInShard(int shard) {
        return shardStart[shard + 1] - shardStart[shard];
    }

    /** An account index drawn in proportion to weight. */
    public int sample(RandomGenerator random) {
        return layout[pickPosition(random.nextDouble() * total())];
    }

    /** An account of {@code shard} drawn in proportion to weight; -1 if the shard has none. */
    public int sampleInShard(RandomGenerator random, int shard) {
        int lo = shardStart[shard];
        int hi = shardStart[shard + 1];
        if (lo == hi) {
            return -1;
        }
        double a = massBefore(lo);
        double b = cumulative[hi - 1];
        int k = pickPosition(a + random.nextDouble() * (b - a));
        // Rounding at the slice's edges may land one position outside: clamp back in.
        return layout[Math.max(lo, Math.min(hi - 1, k))];
    }

    /** An account outside {@code shard} drawn in proportion to weight; -1 if there is none. */
    public int sampleOutsideShard(RandomGenerator random, int shard) {
        int lo = shardStart[shard];
        int hi = shardStart[shard + 1];
        if (hi - lo == accounts.length) {
            return -1;
        }
        double a = massBefore(lo);
        double b = lo == hi ? a : cumulative[hi - 1];
        double u = random.nextDouble() * (total() - (b - a));
        if (u >= a) {
            u += b - a;
        }
        int k = pickPosition(u);
        if (k >= lo && k < hi) {
            // Only reachable by floating-point rounding at the slice's edges: step out of it.
            k = hi < accounts.length ? hi : lo - 1;
        }
        return layout[k];
    }

    private double total() {
        return cumulative[cumulative.length - 1];
    }

    private double massBefore(int position) {
        return position == 0 ? 0.0 : cumulative[position - 1];
    }

    /** The first layout position whose cumulative weight exceeds {@code u}. */
    private int pickPosition(double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > u) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
