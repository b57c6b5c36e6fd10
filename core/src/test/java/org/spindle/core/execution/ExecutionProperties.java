package org.spindle.core.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.state.WorldState;

/**
 * Random transfer batches over random accounts in several shards, with receipts relayed between
 * shards (and some relayed twice). Checks conservation, exactly-once crediting, no (sender, nonce)
 * applied twice, and that incremental state roots equal roots rebuilt from scratch.
 */
class ExecutionProperties {
    private final TransferExecutor exec = new TransferExecutor(Fixtures.CHAIN);
    private final BlockExecutor blocks = new BlockExecutor(exec);

    @Property(tries = 25)
    void randomCrossShardTrafficConservesSupplyAndCreditsEachReceiptOnce(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int shardCount,
            @ForAll @IntRange(min = 2, max = 25) int accountsPerShard) {
        Random rnd = new Random(seed);
        List<WorldState> shards = new ArrayList<>();
        List<List<Address>> people = new ArrayList<>();
        List<Address> proposers = new ArrayList<>();
        Map<Address, Long> expectedNonce = new HashMap<>();
        BigInteger genesisSupply = BigInteger.ZERO;
        for (int s = 0; s < shardCount; s++) {
            List<Address> in = Fixtures.addressesIn(s, shardCount, accountsPerShard + 1, 0);
            proposers.add(in.get(accountsPerShard));
            List<Address> users = in.subList(0, accountsPerShard);
            people.add(users);
            Map<Address, BigInteger> balances = new HashMap<>();
            for (Address a : users) {
                BigInteger b = BigInteger.valueOf(rnd.nextInt(2_000_000));
                balances.put(a, b);
                genesisSupply = genesisSupply.add(b);
            }
            shards.add(WorldState.genesis(s, shardCount, balances));
        }
        List<Address> everyone = people.stream().flatMap(List::stream).toList();
        List<List<Receipt>> inbox = new ArrayList<>();
        for (int s = 0; s < shardCount; s++) {
            inbox.add(new ArrayList<>());
        }
        Set<ReceiptId> credited = new HashSet<>();
        Map<ReceiptId, BigInteger> inFlight = new HashMap<>();
        Set<String> appliedSenderNonces = new HashSet<>();

        for (int height = 1; height <= 6; height++) {
            for (int s = 0; s < shardCount; s++) {
                WorldState st = shards.get(s);
                List<Transaction> txs = new ArrayList<>();
                int n = rnd.nextInt(40);
                for (int i = 0; i < n; i++) {
                    Address from = people.get(s).get(rnd.nextInt(accountsPerShard));
                    long nonce = expectedNonce.getOrDefault(from, 0L) + (rnd.nextInt(8) == 0 ? rnd.nextInt(3) - 1 : 0);
                    if (nonce < 0) {
                        nonce = 0;
                    }
                    // Senders may also pick a fresh address in any shard, or try to spend from one they do not own.
                    Address to = rnd.nextInt(10) == 0 ? Fixtures.address(1_000_000L + rnd.nextInt(1000))
                            : everyone.get(rnd.nextInt(everyone.size()));
                    if (rnd.nextInt(25) == 0) {
                        from = everyone.get(rnd.nextInt(everyone.size()));
                    }
                    long value = rnd.nextInt(300_000);
                    long gas = 21_000 + (rnd.nextInt(10) == 0 ? -1 : rnd.nextInt(5_000));
                    txs.add(Fixtures.transfer(from, nonce, to, BigInteger.valueOf(value), gas,
                            BigInteger.valueOf(rnd.nextInt(3))));
                    if (rnd.nextInt(6) == 0) {
                        txs.add(txs.get(rnd.nextInt(txs.size()))); // a replayed transaction in the same block
                    }
                }
                List<Receipt> incoming = new ArrayList<>(inbox.get(s));
                inbox.get(s).clear();
                Hash before = st.root();
                BlockResult r = blocks.execute(st, height, proposers.get(s), txs, incoming);

                for (ReceiptOutcome o : r.receiptOutcomes()) {
                    ReceiptId id = o.receipt().id();
                    if (o instanceof ReceiptOutcome.Credited) {
                        assertThat(credited.add(id)).as("credited twice: %s", id).isTrue();
                        inFlight.remove(id);
                    } else {
                        assertThat(((ReceiptOutcome.Rejected) o).reason()).isEqualTo(Rejection.RECEIPT_ALREADY_CONSUMED);
                        assertThat(credited).contains(id);
                    }
                }
                for (TxOutcome o : r.txOutcomes()) {
                    if (o instanceof TxOutcome.Applied a) {
                        Transaction tx = a.tx();
                        assertThat(appliedSenderNonces.add(tx.from() + "/" + tx.nonce()))
                                .as("(sender, nonce) applied twice").isTrue();
                        expectedNonce.put(tx.from(), tx.nonce() + 1);
                    }
                }
                for (Receipt out : r.outgoingReceipts()) {
                    inFlight.put(out.id(), out.value());
                    inbox.get(out.destinationShard()).add(out);
                    if (rnd.nextInt(3) == 0) {
                        inbox.get(out.destinationShard()).add(out); // relayed twice in one block
                    }
                }
                if (!credited.isEmpty() && rnd.nextInt(2) == 0) {
                    // Relay an old, already credited receipt again, to whichever shard it was for.
                    List<Receipt> old = incoming.stream().filter(x -> credited.contains(x.id())).toList();
                    if (!old.isEmpty()) {
                        Receipt again = old.get(rnd.nextInt(old.size()));
                        inbox.get(again.destinationShard()).add(again);
                    }
                }
                if (r.applied().isEmpty() && r.receiptOutcomes().stream()
                        .noneMatch(o -> o instanceof ReceiptOutcome.Credited)) {
                    assertThat(r.stateRoot()).isEqualTo(before);
                }
                assertThat(r.stateRoot()).isEqualTo(st.copy().root());
            }
            BigInteger total = inFlight.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
            for (WorldState st : shards) {
                total = total.add(st.totalSupply());
            }
            assertThat(total).as("balances + receipts in flight").isEqualTo(genesisSupply);
        }
        assertThat(appliedSenderNonces).as("the run applied something").isNotEmpty();
        if (shardCount > 1) {
            assertThat(credited.size() + inFlight.size()).as("the run crossed shards").isPositive();
        }
    }
}
