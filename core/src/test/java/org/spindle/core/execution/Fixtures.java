package org.spindle.core.execution;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.ledger.TxType;

/** Addresses in chosen shards and transfer transactions, for execution tests. */
final class Fixtures {
    static final long CHAIN = 7;
    static final BigInteger GWEI = BigInteger.valueOf(1_000_000_000L);

    private Fixtures() {}

    /** The {@code seed}-th address: deterministic, uniformly spread over shards. */
    static Address address(long seed) {
        byte[] h = Hashing.sha256(ByteBuffer.allocate(8).putLong(seed).array()).toArray();
        return Address.wrap(java.util.Arrays.copyOf(h, 20));
    }

    /** {@code n} distinct addresses of {@code shard}, taken from seeds starting at {@code from}. */
    static List<Address> addressesIn(int shard, int shardCount, int n, long from) {
        List<Address> out = new ArrayList<>(n);
        for (long s = from; out.size() < n; s++) {
            Address a = address(s);
            if (ShardMath.shardOf(a, shardCount) == shard) {
                out.add(a);
            }
        }
        return out;
    }

    static Transaction transfer(Address from, long nonce, Address to, BigInteger value, long gasLimit, BigInteger feePerGas) {
        return transfer(CHAIN, from, nonce, to, value, gasLimit, feePerGas);
    }

    static Transaction transfer(long chain, Address from, long nonce, Address to, BigInteger value, long gasLimit,
            BigInteger feePerGas) {
        byte[] id = ByteBuffer.allocate(28).put(from.bytes().unsafeArray()).putLong(nonce).array();
        return new Transaction(TxType.EIP1559, chain, nonce, from, to, value, gasLimit, feePerGas, BigInteger.ZERO,
                Bytes.EMPTY, Hashing.keccak256(id), Bytes.EMPTY);
    }

    static Transaction transfer(Address from, long nonce, Address to, long value) {
        return transfer(from, nonce, to, BigInteger.valueOf(value), 21_000, BigInteger.ONE);
    }
}
