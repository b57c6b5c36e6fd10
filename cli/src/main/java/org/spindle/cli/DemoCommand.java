package org.spindle.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.crypto.Secp256k1;
import org.spindle.core.crypto.SignatureScheme.KeyPair;
import org.spindle.core.execution.BlockExecutor;
import org.spindle.core.execution.BlockResult;
import org.spindle.core.execution.ReceiptOutcome;
import org.spindle.core.execution.TransferExecutor;
import org.spindle.core.execution.TxOutcome;
import org.spindle.core.ledger.Block;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TransactionDecodeResult;
import org.spindle.core.ledger.TransactionDecoder;
import org.spindle.core.ledger.TransactionSigner;
import org.spindle.core.ledger.UnsignedTransfer;
import org.spindle.core.merkle.MerkleTree;
import org.spindle.core.state.WorldState;
import org.spindle.sim.scenario.RunResult;
import org.spindle.sim.scenario.ScenarioException;
import org.spindle.sim.scenario.ScenarioLoader;
import org.spindle.sim.scenario.ScenarioRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A short tour of what Spindle does today, end to end on two shards: Ethereum-signed transfers
 * decoded and checked, a block executed with a state root, a cross-shard receipt proven by Merkle
 * proof and credited exactly once, supply conserved, and a gossip run in the simulator. It grows as
 * the devnet and the sharding protocols land.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "A short run through what exists: keys, Ethereum transactions, execution, "
                + "cross-shard receipts with proofs, and a simulated gossip network.")
final class DemoCommand implements Callable<Integer> {
    private static final long CHAIN_ID = 1337;
    private static final int SHARDS = 2;
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    @Option(names = "--seed", description = "Seed of the simulated gossip run (default: ${DEFAULT-VALUE}).")
    long seed = 7;

    @Spec
    CommandSpec spec;

    private PrintWriter out;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        step("1. Keys: secp256k1 accounts, Ethereum addresses, shard by address hash");
        KeyPair alice = Secp256k1.INSTANCE.keyPair(Hashing.sha256(Bytes.wrap("demo/alice".getBytes(UTF_8))).bytes());
        Address aliceAddr = Secp256k1.address(alice);
        Address bob = addressInShard("bob", ShardMath.shardOf(aliceAddr, SHARDS));
        Address carol = addressInShard("carol", 1 - ShardMath.shardOf(aliceAddr, SHARDS));
        int home = ShardMath.shardOf(aliceAddr, SHARDS);
        int away = 1 - home;
        line("alice %s  shard %d", aliceAddr, home);
        line("bob   %s  shard %d", bob, ShardMath.shardOf(bob, SHARDS));
        line("carol %s  shard %d", carol, ShardMath.shardOf(carol, SHARDS));

        step("2. Genesis: alice holds 10 ETH; each shard keeps its own state and root");
        Map<Address, BigInteger> genesis = Map.of(aliceAddr, ETHER.multiply(BigInteger.TEN));
        WorldState source = WorldState.genesisOfShard(home, SHARDS, genesis);
        WorldState dest = WorldState.genesisOfShard(away, SHARDS, genesis);
        BigInteger supply = source.totalSupply().add(dest.totalSupply());
        line("shard %d root %s", home, source.root());
        line("shard %d root %s", away, dest.root());

        step("3. Transactions signed as Ethereum signs them, decoded and checked");
        TransactionDecoder decoder = new TransactionDecoder(CHAIN_ID);
        Bytes toBob = TransactionSigner.sign(UnsignedTransfer.eip1559(CHAIN_ID, 0, bob, ETHER, 21_000,
                GWEI.multiply(BigInteger.valueOf(30)), GWEI), alice.privateKey());
        Bytes toCarol = TransactionSigner.sign(UnsignedTransfer.legacy(CHAIN_ID, 1, carol,
                ETHER.multiply(BigInteger.TWO), 21_000, GWEI.multiply(BigInteger.valueOf(20))), alice.privateKey());
        Bytes otherChain = TransactionSigner.sign(UnsignedTransfer.legacy(1, 2, bob, ETHER, 21_000, GWEI),
                alice.privateKey());
        List<Transaction> txs = new ArrayList<>();
        for (Bytes raw : List.of(toBob, toCarol, otherChain)) {
            switch (decoder.decode(raw)) {
                case TransactionDecodeResult.Accepted a -> {
                    txs.add(a.transaction());
                    line("accepted %-8s tx %s  from %s", a.transaction().type(), a.transaction().hash(),
                            a.transaction().from());
                }
                case TransactionDecodeResult.Rejected r -> line("rejected: %s (%s)", r.reason(), r.message());
            }
        }

        step("4. Shard " + home + " executes a block: intra-shard credit, cross-shard debit and receipt");
        BlockExecutor executor = new BlockExecutor(new TransferExecutor(CHAIN_ID));
        Address proposer = addressInShard("proposer", home);
        BlockResult r = executor.execute(source, 1, proposer, txs, List.of());
        for (TxOutcome o : r.txOutcomes()) {
            line("%s", switch (o) {
                case TxOutcome.Applied a -> "applied " + a.tx().hash() + ", fee " + a.fee() + " wei"
                        + a.receipt().map(x -> ", receipt for shard " + x.destinationShard()).orElse("");
                case TxOutcome.Rejected x -> "rejected " + x.tx().hash() + ": " + x.reason();
            });
        }
        BlockHeader header = new BlockHeader(Hash.ZERO, 1, home, 0, r.stateRoot(), r.transactionsRoot(),
                r.outgoingReceiptsRoot(), Block.incomingReceiptsRoot(List.of()), Bytes.of((byte) 1), proposer,
                new TreeMap<>(), Bytes.EMPTY);
        Block block = new Block(header, r.applied(), List.of());
        line("block %s  state root %s  %d bytes encoded", block.hash(), r.stateRoot(),
                Block.CODEC.encode(block).size());

        step("5. The receipt travels with a Merkle proof and is credited exactly once in shard " + away);
        List<Bytes> encoded = Block.encodeReceipts(r.outgoingReceipts());
        List<Receipt> relayed = new ArrayList<>();
        for (int i = 0; i < encoded.size(); i++) {
            IncomingReceipt in = new IncomingReceipt(r.outgoingReceipts().get(i), block.hash(),
                    MerkleTree.prove(encoded, i));
            line("%s proof against the source header: %s", in.receipt().id(), in.verifyAgainst(header));
            relayed.add(in.receipt());
        }
        BigInteger inFlight = relayed.stream().map(Receipt::value).reduce(BigInteger.ZERO, BigInteger::add);
        line("supply check while in flight: balances + receipts = genesis supply? %s",
                source.totalSupply().add(dest.totalSupply()).add(inFlight).equals(supply));
        List<Receipt> twice = new ArrayList<>(relayed);
        twice.addAll(relayed);
        BlockResult d = executor.execute(dest, 1, addressInShard("proposer", away), List.of(), twice);
        for (ReceiptOutcome o : d.receiptOutcomes()) {
            line("%s", switch (o) {
                case ReceiptOutcome.Credited c -> "credited " + c.receipt().value() + " wei to " + c.receipt().to();
                case ReceiptOutcome.Rejected x -> "replay rejected: " + x.reason();
            });
        }
        line("supply check after credit: %s", source.totalSupply().add(dest.totalSupply()).equals(supply));

        step("6. The simulator: 200 nodes gossip 50 signed 1 KB items over a modelled 50 Mbps network");
        try {
            ScenarioLoader loader = new ScenarioLoader();
            RunResult run = new ScenarioRunner(loader).run(loader.parse(GOSSIP, "demo").withSeed(seed), null);
            line("%,d events in %.2f s of simulated time (%.2f s wall), coverage %s, latency p50 %s ms",
                    run.events(), run.simulatedSeconds(), run.wallSeconds(), run.protocol().get("coverage"),
                    run.protocol().get("latencyP50Ms"));
            line("trace hash %s (same seed, same hash, on any machine)", run.traceHash());
        } catch (ScenarioException e) {
            spec.commandLine().getErr().println("spindle demo: " + e.getMessage());
            return 1;
        }
        out.println();
        out.println("Next: ./spindle sim scenarios/gossip-small.yaml, ./spindle sizing --help, ./spindle bench");
        out.flush();
        return 0;
    }

    private static final String GOSSIP = """
            name: demo-gossip
            nodes: 200
            durationSeconds: 5
            network:
              latency: {distribution: lognormal, medianMs: 40, sigma: 0.4}
            protocol:
              name: gossip
              degree: 8
              messages: 50
              messageBytes: 1024
              intervalMs: 20
              startMs: 500
              signed: true
            """;

    /** A deterministic address in {@code shard}, found by counting up from a name. */
    private static Address addressInShard(String name, int shard) {
        for (int i = 0;; i++) {
            Address a = Address.wrap(Hashing.keccak256(("demo/" + name + "/" + i).getBytes(UTF_8)).bytes().slice(12, 20)
                    .toArray());
            if (ShardMath.shardOf(a, SHARDS) == shard) {
                return a;
            }
        }
    }

    private void step(String title) {
        out.println();
        out.println(title);
    }

    private void line(String format, Object... args) {
        out.println("   " + String.format(Locale.ROOT, format, args));
    }
}
