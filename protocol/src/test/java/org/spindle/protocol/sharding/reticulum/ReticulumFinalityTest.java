package org.spindle.protocol.sharding.reticulum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.consensus.syncvote.LeaderProposal;
import org.spindle.protocol.crosshard.FinalityCheck;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.sharding.ledger.ConsensusProof;

class ReticulumFinalityTest {
    private static final long EPOCH = 9;
    private static final int BULK = 4096;

    private static BlockHeader header(Hash stateRoot) {
        return new BlockHeader(Hash.ZERO, 3, 1, 0, stateRoot, Hash.ZERO, Hash.ZERO, Hash.ZERO, Bytes.EMPTY,
                Address.ZERO, new TreeMap<>(), Bytes.EMPTY);
    }

    private static final BlockHeader HEADER = header(Hashing.sha256(Bytes.wrap(new byte[] {1})));
    private static final Hash VOTED = LeaderProposal.blockHash(VoteEpochs.process(EPOCH),
            ConsensusProof.payloadOf(HEADER, BULK));

    private static ControlBlock control(ControlEntry shard1) {
        return new ControlBlock(EPOCH, 0, 0, NodeId.of(0), List.of(
                new ControlEntry.Passed(0, Hash.ZERO, new TreeMap<>()), shard1), List.of());
    }

    private static FinalityCheck check(ControlChain chain, ControlBlock cited, BlockHeader h, int bulk) {
        return new ReticulumFinality(chain).check(h.withCertificate(LedgerProcessBlocks.certificate(EPOCH,
                cited.hash(), bulk)));
    }

    @Test
    void headerIsFinalOnlyWhenAnAcceptedControlBlockAcceptsExactlyIt() {
        ControlChain chain = new ControlChain(16);
        ControlBlock accepts = control(new ControlEntry.Passed(1, VOTED, new TreeMap<>()));
        assertThat(check(chain, accepts, HEADER, BULK).isFinal()).as("not yet on the chain").isFalse();
        chain.record(accepts);
        assertThat(check(chain, accepts, HEADER, BULK)).isEqualTo(FinalityCheck.FINAL);
        assertThat(check(chain, accepts, header(Hash.ZERO), BULK).isFinal()).as("another block").isFalse();
        assertThat(check(chain, accepts, HEADER, BULK + 1).isFinal()).as("another bulk size").isFalse();
    }

    @Test
    void rejectedFailedBlockAndMalformedCertificateAreNotFinal() {
        ControlChain chain = new ControlChain(16);
        ControlBlock rejects = control(new ControlEntry.Failed(1, VOTED, Decision.REJECT, new TreeMap<>(),
                new TreeSet<>()));
        chain.record(rejects);
        assertThat(check(chain, rejects, HEADER, BULK)).isInstanceOf(FinalityCheck.NotFinal.class);
        FinalityCheck junk = new ReticulumFinality(chain).check(HEADER.withCertificate(Bytes.wrap(new byte[] {7})));
        assertThat(((FinalityCheck.NotFinal) junk).reason()).contains("not a control-block reference");
    }

    @Test
    void chainForgetsTheOldestBlocksBeyondItsCapacity() {
        ControlChain chain = new ControlChain(1);
        ControlBlock a = control(new ControlEntry.Passed(1, VOTED, new TreeMap<>()));
        ControlBlock b = control(new ControlEntry.Passed(1, Hash.ZERO, new TreeMap<>()));
        chain.record(a);
        chain.record(b);
        assertThat(chain.find(a.hash())).isEmpty();
        assertThat(chain.find(b.hash())).contains(b);
    }
}
