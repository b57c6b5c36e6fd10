package org.spindle.protocol.consensus.bft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.runtime.NodeId;

class BftCodecTest {
    @Provide
    Arbitrary<Hash> hashes() {
        return Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash::wrap);
    }

    @Provide
    Arbitrary<Bytes> signatures() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(QuorumCertificate.MAX_SIGNATURE).map(Bytes::wrap);
    }

    Arbitrary<Block> blocks() {
        Arbitrary<Payload> payloads = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(200).map(Bytes::wrap),
                Arbitraries.integers().between(0, 5000)).as(Payload::new);
        return Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), hashes(), payloads).as(Block::new);
    }

    Arbitrary<QuorumCertificate> certificates() {
        return Combinators.combine(Arbitraries.of(VoteKind.class), Arbitraries.longs().between(0, 1L << 40),
                Arbitraries.integers().between(0, 1 << 20), hashes(), Arbitraries.integers().between(1, 40),
                signatures().list().ofMaxSize(10)).as((k, h, v, b, n, sigs) -> {
                    TreeMap<Integer, Bytes> m = new TreeMap<>();
                    for (int i = 0; i < sigs.size() && i < n; i++) {
                        m.put(i * n / Math.max(1, sigs.size()), sigs.get(i));
                    }
                    return QuorumCertificate.of(k, h, v, b, n, m);
                });
    }

    @Provide
    Arbitrary<BftMessage> messages() {
        Arbitrary<NodeId> ids = Arbitraries.integers().between(0, 100_000).map(NodeId::of);
        Arbitrary<Long> heights = Arbitraries.longs().between(0, 1L << 50);
        Arbitrary<Integer> views = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Proposal> proposals = Combinators.combine(heights, views, blocks(), certificates().optional(),
                Arbitraries.longs().between(0, Long.MAX_VALUE), ids, signatures()).as(Proposal::new);
        Arbitrary<Vote> votes = Combinators.combine(Arbitraries.of(VoteKind.class), heights, views, hashes(), ids,
                signatures()).as(Vote::new);
        Arbitrary<ViewChange> viewChanges = Combinators.combine(heights, views, ids,
                Combinators.combine(certificates(), blocks()).as((q, b) -> List.of(q, b)).optional(), signatures())
                .as((h, v, s, qb, sig) -> new ViewChange(h, v, s,
                        qb.map(l -> (QuorumCertificate) l.get(0)), qb.map(l -> (Block) l.get(1)), sig));
        Arbitrary<SyncRequest> syncs = heights.map(SyncRequest::new);
        Arbitrary<Decided> decided = Combinators.combine(blocks(), certificates()).as((b, q) -> new Decided(b,
                new QuorumCertificate(VoteKind.COMMIT, b.height(), q.view(), b.hash(), q.signers(), q.signatures())));
        return Arbitraries.oneOf(proposals, votes, viewChanges, syncs, decided);
    }

    @Property(tries = 200)
    void everyBftMessageRoundTripsAndItsEncodedSizeIsExact(@ForAll("messages") BftMessage m) {
        Bytes encoded = BftMessage.CODEC.encode(m);
        assertThat(encoded.size()).isEqualTo(m.encodedSize());
        assertThat(BftMessage.CODEC.decode(encoded)).isEqualTo(m);
    }

    @Test
    void aFullSizeBenchmarkBlockRoundTrips() {
        Block b = new Block(7, Hash.ZERO, new Payload(Bytes.of((byte) 1, (byte) 2), 4096 * 512));
        Proposal p = new Proposal(7, 0, b, Optional.empty(), 5, NodeId.of(3), Bytes.wrap(new byte[64]));
        Bytes encoded = BftMessage.CODEC.encode(p);
        assertThat(encoded.size()).isEqualTo(p.encodedSize()).isGreaterThan(4096 * 512);
        assertThat(BftMessage.CODEC.decode(encoded)).isEqualTo(p);
    }

    @Test
    void frameOverTheFamilyLimitIsRejectedBeforeDecoding() {
        Bytes huge = Bytes.wrap(new byte[BftMessage.CODEC.maxSize() + 1]);
        assertThatThrownBy(() -> BftMessage.CODEC.decode(huge)).isInstanceOf(CodecException.class)
                .hasMessageContaining("exceeds the limit");
    }

    @Test
    void unknownVoteKindIsRejected() {
        byte[] bad = BftMessage.CODEC.encode(new Vote(VoteKind.COMMIT, 1, 2, Hash.ZERO, NodeId.of(1),
                Bytes.of((byte) 1))).toArray();
        bad[1] = 9;
        assertThatThrownBy(() -> BftMessage.CODEC.decode(Bytes.wrap(bad))).isInstanceOf(CodecException.class)
                .hasMessageContaining("vote kind");
    }

    @Test
    void bulkBytesThatAreNotZeroFillerAreRejected() {
        Block b = new Block(1, Hash.ZERO, new Payload(Bytes.EMPTY, 4));
        byte[] bad = BftMessage.CODEC.encode(new Decided(b, new QuorumCertificate(VoteKind.COMMIT, 1, 0, b.hash(),
                Bytes.of((byte) 1), List.of(Bytes.of((byte) 5))))).toArray();
        bad[1 + 1 + 32 + 1 + 1] = 7; // tag, height, parent, content length, bulk length, first filler byte
        assertThatThrownBy(() -> BftMessage.CODEC.decode(Bytes.wrap(bad))).isInstanceOf(CodecException.class)
                .hasMessageContaining("filler");
    }

    @Test
    void truncatedProposalIsRejected() {
        Block b = new Block(1, Hash.ZERO, new Payload(Bytes.of((byte) 4), 10));
        Bytes full = BftMessage.CODEC.encode(new Proposal(1, 0, b, Optional.empty(), 0, NodeId.of(1), Bytes.EMPTY));
        assertThatThrownBy(() -> BftMessage.CODEC.decode(full.slice(0, full.size() - 1)))
                .isInstanceOf(CodecException.class);
    }
}
