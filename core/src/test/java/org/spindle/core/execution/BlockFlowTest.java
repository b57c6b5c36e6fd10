package org.spindle.core.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.spindle.core.execution.Fixtures.transfer;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.Block;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.ledger.Transaction;
import org.spindle.core.merkle.MerkleTree;
import org.spindle.core.state.WorldState;

/** A source shard builds a block, the block travels as bytes, and its receipts land in the destination. */
class BlockFlowTest {
    final BlockExecutor executor = new BlockExecutor(new TransferExecutor(Fixtures.CHAIN));
    final List<Address> zero = Fixtures.addressesIn(0, 2, 3, 0);
    final List<Address> one = Fixtures.addressesIn(1, 2, 3, 0);

    @Test
    void aBlocksReceiptsAreProvenAgainstItsHeaderAndCreditedOnceInTheDestination() {
        WorldState source = WorldState.genesis(0, 2, Map.of(zero.get(0), BigInteger.valueOf(10_000_000)));
        WorldState dest = WorldState.genesis(1, 2, Map.of(one.get(0), BigInteger.valueOf(5)));
        BigInteger supply = source.totalSupply().add(dest.totalSupply());

        List<Transaction> txs = List.of(
                transfer(zero.get(0), 0, one.get(1), 1_000),
                transfer(zero.get(0), 1, zero.get(1), 2_000),
                transfer(zero.get(0), 2, one.get(2), 3_000),
                transfer(zero.get(0), 2, one.get(2), 3_000)); // a replay inside the block
        BlockResult r = executor.execute(source, 1, zero.get(2), txs, List.of());
        assertThat(r.applied()).hasSize(3);
        assertThat(r.txOutcomes().get(3)).isEqualTo(new TxOutcome.Rejected(txs.get(3), Rejection.BAD_NONCE));
        assertThat(r.outgoingReceipts()).extracting(Receipt::index).containsExactly(0, 1);

        BlockHeader header = new BlockHeader(Hash.ZERO, 1, 0, 0, r.stateRoot(), r.transactionsRoot(),
                r.outgoingReceiptsRoot(), Block.incomingReceiptsRoot(List.of()), Bytes.of((byte) 2, (byte) 9),
                zero.get(2), new TreeMap<>(Map.of("endorsements", Bytes.of((byte) 1))), Bytes.EMPTY);
        Block block = new Block(header, r.applied(), List.of());
        Block received = Block.CODEC.decode(Block.CODEC.encode(block));
        assertThat(received.bodyMatchesHeader()).isTrue();
        assertThat(new Block(header, txs.subList(0, 2), List.of()).bodyMatchesHeader()).isFalse();

        List<Bytes> encoded = Block.encodeReceipts(r.outgoingReceipts());
        List<Receipt> verified = new ArrayList<>();
        for (int i = 0; i < encoded.size(); i++) {
            IncomingReceipt in = new IncomingReceipt(r.outgoingReceipts().get(i), received.hash(),
                    MerkleTree.prove(encoded, i));
            IncomingReceipt relayed = IncomingReceipt.CODEC.decode(IncomingReceipt.CODEC.encode(in));
            assertThat(relayed.verifyAgainst(received.header())).isEqualTo(IncomingReceipt.Check.VALID);
            verified.add(relayed.receipt());
        }
        BigInteger inFlight = BigInteger.valueOf(4_000);
        assertThat(source.totalSupply().add(dest.totalSupply()).add(inFlight)).isEqualTo(supply);

        List<Receipt> twice = new ArrayList<>(verified);
        twice.addAll(verified);
        BlockResult d = executor.execute(dest, 1, one.get(0), List.of(), twice);
        assertThat(d.receiptOutcomes()).filteredOn(o -> o instanceof ReceiptOutcome.Credited).hasSize(2);
        assertThat(d.receiptOutcomes()).filteredOn(o -> o instanceof ReceiptOutcome.Rejected).hasSize(2);
        assertThat(dest.account(one.get(1)).balance()).isEqualTo(BigInteger.valueOf(1_000));
        assertThat(dest.account(one.get(2)).balance()).isEqualTo(BigInteger.valueOf(3_000));
        assertThat(source.totalSupply().add(dest.totalSupply())).isEqualTo(supply);
        assertThat(dest.proveReceipt(verified.get(0).id()).verify(d.stateRoot())).isTrue();
    }

    @Test
    void aSelfTransferCostsOnlyTheFeeAndBumpsTheNonce() {
        WorldState s = WorldState.genesis(0, 2, Map.of(zero.get(0), BigInteger.valueOf(100_000)));
        BlockResult r = executor.execute(s, 1, zero.get(2), List.of(transfer(zero.get(0), 0, zero.get(0), 50_000)),
                List.of());
        assertThat(r.allApplied()).isTrue();
        assertThat(s.account(zero.get(0)).balance()).isEqualTo(BigInteger.valueOf(79_000));
        assertThat(s.account(zero.get(0)).nonce()).isEqualTo(1);
        assertThat(s.account(zero.get(2)).balance()).isEqualTo(BigInteger.valueOf(21_000));
    }
}
