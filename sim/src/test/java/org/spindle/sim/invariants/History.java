package org.spindle.sim.invariants;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.execution.BlockExecutor;
import org.spindle.core.execution.BlockResult;
import org.spindle.core.execution.TransferExecutor;
import org.spindle.core.ledger.Block;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.merkle.MerkleTree;
import org.spindle.core.state.WorldState;
import org.spindle.sim.ledger.FinalizedBlock;
import org.spindle.sim.workload.AccountSampler;
import org.spindle.sim.workload.Transfer;
import org.spindle.sim.workload.TxFactory;

/** Real executions over a few shards, turned into ledger events, for checker and metrics tests. */
final class History {
    final int shards;
    final List<WorldState> states = new ArrayList<>();
    final List<List<Address>> accounts = new ArrayList<>();
    final List<BigInteger> genesis = new ArrayList<>();
    final long[] heights;
    final TxFactory txs = new TxFactory(1, 21_000, BigInteger.ONE);
    final BlockExecutor executor = new BlockExecutor(new TransferExecutor(1));

    History(int shards) {
        this.shards = shards;
        heights = new long[shards];
        for (int s = 0; s < shards; s++) {
            accounts.add(new ArrayList<>());
        }
        for (int i = 0; accounts.stream().anyMatch(l -> l.size() < 4); i++) {
            Address a = AccountSampler.generatedAccount(i);
            List<Address> l = accounts.get(ShardMath.shardOf(a, shards));
            if (l.size() < 4) {
                l.add(a);
            }
        }
        for (int s = 0; s < shards; s++) {
            Map<Address, BigInteger> g = new LinkedHashMap<>();
            g.put(accounts.get(s).get(0), BigInteger.TEN.pow(18));
            g.put(accounts.get(s).get(1), BigInteger.valueOf(5_000_000));
            states.add(WorldState.genesis(s, shards, g));
            genesis.add(states.get(s).totalSupply());
        }
    }

    Transaction tx(int from, int to, long value) {
        return txs.make(new Transfer(accounts.get(from).get(0), accounts.get(to).get(2), BigInteger.valueOf(value)));
    }

    /** Executes a block on {@code shard} and reports it as final at {@code at}, with its balance. */
    FinalizedBlock block(int shard, long at, List<Transaction> txs, List<Receipt> incoming) {
        long height = ++heights[shard];
        BlockResult r = executor.execute(states.get(shard), height, accounts.get(shard).get(3), txs, incoming);
        BlockHeader h = new BlockHeader(Hash.ZERO, height, shard, at / 1_000_000, r.stateRoot(), r.transactionsRoot(),
                r.outgoingReceiptsRoot(), Hash.ZERO, Bytes.EMPTY, accounts.get(shard).get(3), new TreeMap<>(),
                Bytes.EMPTY);
        List<IncomingReceipt> in = new ArrayList<>();
        for (Receipt x : incoming) {
            in.add(new IncomingReceipt(x, Hash.ZERO, MerkleTree.prove(List.of(Receipt.CODEC.encode(x)), 0)));
        }
        return FinalizedBlock.of(new Block(h, r.applied(), in), r, Math.max(0, at - 1_000), at, BigInteger.ZERO,
                states.get(shard));
    }
}
