package org.spindle.sim.workload;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates the sample replay file shipped as {@code scenarios/workloads/sample-transfers.csv}:
 * {@link #COUNT} transfers among {@link #ACCOUNTS} Zipf-ranked accounts (exponent 1.0), 30% of them
 * crossing shards when the network has {@link #SHARDS} shards, values 1..10^6 wei, seed
 * {@link #SEED}. A test regenerates it and compares, so the file and this recipe cannot drift.
 *
 * <p>Regenerate with {@code java -cp sim/target/classes:... org.spindle.sim.workload.SampleTransfers FILE}.
 */
public final class SampleTransfers {
    public static final long SEED = 20_240_601L;
    public static final int COUNT = 3_000;
    public static final int ACCOUNTS = 500;
    public static final int SHARDS = 4;
    public static final double CROSS_SHARD_RATIO = 0.3;

    private SampleTransfers() {}

    public static List<Transfer> generate() {
        SyntheticTransfers source = new SyntheticTransfers(AccountSampler.zipf(ACCOUNTS, 1.0, SHARDS),
                CROSS_SHARD_RATIO, 1, 1_000_000, new SplittableRandom(SEED));
        List<Transfer> out = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            out.add(source.next());
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SampleTransfers OUTPUT.csv");
        }
        Path out = Path.of(args[0]);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            TransferCsv.write(generate(), w);
        }
    }
}
