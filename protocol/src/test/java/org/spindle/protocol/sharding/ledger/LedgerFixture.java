package org.spindle.protocol.sharding.ledger;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.execution.BlockExecutor;
import org.spindle.core.execution.TransferExecutor;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TxType;
import org.spindle.core.state.WorldState;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.beacon.ShardCount;
import org.spindle.protocol.beacon.UniformMembership;
import org.spindle.protocol.consensus.bft.QuorumCertificate;
import org.spindle.protocol.consensus.bft.VoteKind;
import org.spindle.protocol.crosshard.KnownFinalHeaders;
import org.spindle.protocol.crosshard.ReceiptInbox;
import org.spindle.protocol.crosshard.ReceiptRelay;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.sharding.baseline.BaselineSharding;

/** A two-shard network of eight validators with funded accounts, and ledgers over it, for tests. */
final class LedgerFixture {
    static final long CHAIN = 5;
    static final int SHARDS = 2;
    static final BaselineSharding PROTOCOL = new BaselineSharding(new ShardCount.Fixed(SHARDS));
    static final Membership MEMBERSHIP = new UniformMembership(new ShardCount.Fixed(SHARDS))
            .assign(Hash.ZERO, IntStream.range(0, 8).mapToObj(NodeId::of).toList(), 0);

    final List<List<Address>> accounts = new ArrayList<>();
    final Map<Address, BigInteger> genesis = new TreeMap<>();
    final List<Transaction> invalid = new ArrayList<>();
    final List<Integer> forks = new ArrayList<>();

    LedgerFixture() {
        for (int s = 0; s < SHARDS; s++) {
            List<Address> in = new ArrayList<>();
            for (long i = 0; in.size() < 4; i++) {
                Address a = address(i);
                if (ShardMath.shardOf(a, SHARDS) == s) {
                    in.add(a);
                    genesis.put(a, BigInteger.TEN.pow(20));
                }
            }
            accounts.add(in);
        }
    }

    static Address address(long seed) {
        return Address.wrap(Arrays.copyOf(Hashing.sha256(ByteBuffer.allocate(8).putLong(seed).array()).toArray(), 20));
    }

    static Transaction transfer(Address from, long nonce, Address to, long value) {
        Hash h = Hashing.keccak256(ByteBuffer.allocate(60).put(from.bytes().toArray()).putLong(nonce)
                .put(to.bytes().toArray()).putLong(value).array());
        return new Transaction(TxType.EIP1559, CHAIN, nonce, from, to, BigInteger.valueOf(value), 21_000,
                BigInteger.ONE, BigInteger.ZERO, Bytes.EMPTY, h, Bytes.EMPTY);
    }

    ShardLedger ledger(int shard) {
        KnownFinalHeaders known = new KnownFinalHeaders(64);
        return new ShardLedger(shard, PROTOCOL, MEMBERSHIP, WorldState.genesisOfShard(shard, SHARDS, genesis),
                new BlockExecutor(new TransferExecutor(CHAIN)), new TxPool(100), new ReceiptInbox(shard, known, 100, 64),
                new ReceiptRelay(shard, 1000), known, accounts.get(shard).getFirst(),
                new ShardLedger.Limits(10, 10, 512), ShardLedger.Clients.NONE, new LedgerListener() {
                    @Override
                    public void invalid(long at, Transaction tx, String reason) {
                        invalid.add(tx);
                    }

                    @Override
                    public void fork(long at, int shard, long height) {
                        forks.add((int) height);
                    }
                });
    }

    /** A commit certificate with made-up signatures: the ledger trusts consensus to have checked them. */
    static QuorumCertificate commitOf(long height, Hash block) {
        return QuorumCertificate.of(VoteKind.COMMIT, height, 0, block, 4,
                new TreeMap<>(Map.of(0, Bytes.of((byte) 1), 1, Bytes.of((byte) 2), 2, Bytes.of((byte) 3))));
    }
}
