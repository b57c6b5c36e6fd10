package org.spindle.protocol.crosshard;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.execution.BlockExecutor;
import org.spindle.core.execution.BlockResult;
import org.spindle.core.execution.TransferExecutor;
import org.spindle.core.ledger.Block;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TxType;
import org.spindle.core.state.WorldState;

/** A few shards with funded accounts, blocks built by the real executor, for cross-shard tests. */
final class Shards {
    static final long CHAIN = 9;
    static final BlockExecutor EXECUTOR = new BlockExecutor(new TransferExecutor(CHAIN));

    final int count;
    final List<WorldState> states = new ArrayList<>();
    final List<List<Address>> accounts = new ArrayList<>();
    final long[] nonces;
    final long[] heights;

    Shards(int count) {
        this.count = count;
        nonces = new long[count];
        heights = new long[count];
        for (int s = 0; s < count; s++) {
            accounts.add(addressesIn(s, 6));
            states.add(WorldState.genesis(s, count, Map.of(accounts.get(s).get(0), BigInteger.TEN.pow(20))));
        }
    }

    static Address address(long seed) {
        return Address.wrap(Arrays.copyOf(Hashing.sha256(ByteBuffer.allocate(8).putLong(seed).array()).toArray(), 20));
    }

    List<Address> addressesIn(int shard, int n) {
        List<Address> out = new ArrayList<>();
        for (long s = 0; out.size() < n; s++) {
            Address a = address(s);
            if (ShardMath.shardOf(a, count) == shard) {
                out.add(a);
            }
        }
        return out;
    }

    BigInteger supply() {
        return states.stream().map(WorldState::totalSupply).reduce(BigInteger.ZERO, BigInteger::add);
    }

    Transaction transfer(int fromShard, Address to, long value) {
        Address from = accounts.get(fromShard).get(0);
        long nonce = nonces[fromShard]++;
        byte[] id = ByteBuffer.allocate(28).put(from.bytes().unsafeArray()).putLong(nonce).array();
        return new Transaction(TxType.EIP1559, CHAIN, nonce, from, to, BigInteger.valueOf(value), 21_000, BigInteger.ONE,
                BigInteger.ZERO, Bytes.EMPTY, Hashing.keccak256(id), Bytes.EMPTY);
    }

    record Executed(BlockHeader header, BlockResult result, Block block) {}

    /** Executes a block on {@code shard} with these transactions and incoming receipts. */
    Executed block(int shard, List<Transaction> txs, List<IncomingReceipt> incoming) {
        long height = ++heights[shard];
        Address fee = accounts.get(shard).get(1);
        BlockResult r = EXECUTOR.execute(states.get(shard), height, fee, txs,
                incoming.stream().map(IncomingReceipt::receipt).toList());
        BlockHeader h = header(shard, height, r.stateRoot(), r.transactionsRoot(), r.outgoingReceiptsRoot(),
                Block.incomingReceiptsRoot(incoming), fee);
        return new Executed(h, r, new Block(h, r.applied(), incoming));
    }

    /** A cross-shard block: {@code n} transfers from {@code from} to accounts of {@code to}. */
    Executed crossBlock(int from, int to, int n, long value) {
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            txs.add(transfer(from, accounts.get(to).get(2 + i % 4), value + i));
        }
        return block(from, txs, List.of());
    }

    static BlockHeader header(int shard, long height, Hash stateRoot, Hash txRoot, Hash outRoot, Hash inRoot,
            Address fee) {
        return new BlockHeader(Hash.ZERO, height, shard, 0, stateRoot, txRoot, outRoot, inRoot, Bytes.of((byte) shard),
                fee, new TreeMap<>(), Bytes.of((byte) 0xCE, (byte) 0x27));
    }

    /** A header committing to exactly these receipts, as a (possibly malicious) source would make. */
    static BlockHeader headerFor(int shard, long height, List<Receipt> receipts) {
        return header(shard, height, Hash.ZERO, Hash.ZERO, Block.outgoingReceiptsRoot(receipts), Hash.ZERO,
                address(999));
    }
}
