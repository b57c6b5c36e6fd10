package org.spindle.node.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.ledger.TransactionDecoder;
import org.spindle.core.ledger.TransactionSigner;
import org.spindle.core.ledger.UnsignedTransfer;
import org.spindle.node.runtime.NodeMetrics;

class RecoveredTransactionsTest {
    private static final DevnetSpec SPEC = new DevnetSpec(1337, 4, 2, 3, "recovered-test", 400, 500);
    private static final Address RECIPIENT = Address.fromHex("0x00000000000000000000000000000000000000cc");

    private final NodeMetrics metrics = new NodeMetrics(() -> 0);

    private RecoveredTransactions cache(int capacity) {
        return new RecoveredTransactions(new TransactionDecoder(SPEC.chainId()), SPEC.shards(), capacity,
                metrics.counter("recoveries"));
    }

    private static Bytes signed(int account, long nonce) {
        return TransactionSigner.sign(UnsignedTransfer.legacy(SPEC.chainId(), nonce, RECIPIENT, BigInteger.ONE,
                21_000, BigInteger.ONE), SPEC.accountKeys(account).privateKey());
    }

    @Test
    void aTransactionArrivingTwiceInDifferentArraysIsRecoveredOnceAndKnowsItsSendersShard() {
        RecoveredTransactions known = cache(10);
        Bytes raw = signed(1, 0);
        Bytes copy = Bytes.wrap(raw.toArray()); // as a second message would carry it
        var first = known.decode(raw).orElseThrow();
        var second = known.decode(copy).orElseThrow();
        assertThat(second).isSameAs(first);
        assertThat(metrics.count("recoveries")).isEqualTo(1);
        assertThat(first.tx().from()).isEqualTo(SPEC.account(1));
        assertThat(first.senderShard()).isEqualTo(ShardMath.shardOf(SPEC.account(1), SPEC.shards()));
        assertThat(known.get(first.tx().hash())).isSameAs(first.tx());
        assertThat(known.cached(copy)).isSameAs(first);
    }

    @Test
    void pastItsCapacityTheOldestIsForgottenByHashAndByBytesAndRecoveredAgainWhenItReturns() {
        RecoveredTransactions known = cache(2);
        Bytes a = signed(0, 0);
        var oldest = known.decode(a).orElseThrow();
        known.decode(signed(0, 1));
        known.decode(signed(0, 2));
        assertThat(known.size()).isEqualTo(2);
        assertThat(known.cached(a)).isNull();
        assertThat(known.get(oldest.tx().hash())).isNull();
        assertThat(known.decode(a)).isPresent();
        assertThat(metrics.count("recoveries")).isEqualTo(4);
    }

    @Test
    void aTransactionTheApiDecodedIsNotRecoveredAgainAndBytesThatDoNotDecodeAreRefused() {
        RecoveredTransactions known = cache(10);
        Bytes raw = signed(2, 0);
        var tx = ((org.spindle.core.ledger.TransactionDecodeResult.Accepted) new TransactionDecoder(SPEC.chainId())
                .decode(raw)).transaction();
        var put = known.put(tx);
        assertThat(known.put(tx)).isSameAs(put);
        assertThat(known.decode(raw).orElseThrow()).isSameAs(put);
        assertThat(known.decode(Bytes.wrap(new byte[] {1, 2, 3}))).isEmpty();
        assertThat(metrics.count("recoveries")).isEqualTo(1); // the garbage only
        assertThat(known.size()).isEqualTo(1);
    }
}
