package org.spindle.cli;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.spindle.core.crypto.Hashing;
import picocli.CommandLine.Command;

/** A short tour of what Spindle can do today; it grows as the devnet and simulator land. */
@Command(name = "demo", description = "A short run through what exists: keys, transactions, state, proofs.")
final class DemoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        byte[] input = "spindle".getBytes(StandardCharsets.UTF_8);
        System.out.println("keccak256(\"spindle\") = " + Hashing.keccak256(input).toHex());
        System.out.println("sha256(\"spindle\")    = " + Hashing.sha256(input).toHex());
        return 0;
    }
}
