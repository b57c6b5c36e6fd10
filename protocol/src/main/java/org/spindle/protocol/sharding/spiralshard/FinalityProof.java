package org.spindle.protocol.sharding.spiralshard;

import java.util.List;
import java.util.Objects;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.bft.BftConfig;
import org.spindle.protocol.crosshard.WireSizes;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.sharding.ledger.ConsensusProof;

/**
 * Proof, from headers alone, that a block is final under LCE: {@code chain} is the origin shard's
 * headers from the target block up to the endorsed block B' (parent links prove the ancestors are
 * final with it), and {@code endorsers} the certified headers of every other shard of the group in
 * ring order, the first endorsing B', each next one endorsing the previous, the last one's
 * endorsement list reaching back to B'. Anyone holding the epoch's membership can check it.
 */
public record FinalityProof(List<BlockHeader> chain, List<BlockHeader> endorsers) {
    public static final int MAX_CHAIN = 256;

    public FinalityProof {
        chain = List.copyOf(chain);
        endorsers = List.copyOf(endorsers);
        if (chain.isEmpty() || chain.size() > MAX_CHAIN || endorsers.size() > LceFields.MAX_GROUP) {
            throw new IllegalArgumentException("a finality proof has 1 to " + MAX_CHAIN + " chain headers and at most "
                    + LceFields.MAX_GROUP + " endorsers");
        }
    }

    /** The block this proves final (the first of the chain). */
    public BlockHeader target() {
        return chain.getFirst();
    }

    /** Checks the whole proof; the reason names the first thing wrong. Charges one check per signer. */
    public Validity verify(Membership membership, EndorsementGroups groups, Crypto crypto) {
        BlockHeader first = chain.getFirst();
        int shard = first.shard();
        if (shard < 0 || shard >= membership.shardCount() || groups.shardCount() != membership.shardCount()) {
            return Validity.invalid("proof for shard " + shard + ", which does not exist");
        }
        for (int i = 1; i < chain.size(); i++) {
            BlockHeader a = chain.get(i - 1);
            BlockHeader b = chain.get(i);
            if (b.shard() != shard || b.height() != a.height() + 1 || !b.parentHash().equals(a.hash())) {
                return Validity.invalid("header chain is broken between heights " + a.height() + " and " + b.height()
                        + " of shard " + shard);
            }
        }
        BlockHeader endorsed = chain.getLast();
        int g = groups.length(shard);
        if (endorsers.size() != g - 1) {
            return Validity.invalid("a group of " + g + " needs " + (g - 1) + " endorsing headers, the proof has "
                    + endorsers.size());
        }
        Validity own = certified(endorsed, membership, crypto);
        if (!own.isValid()) {
            return own;
        }
        BlockHeader previous = endorsed;
        for (int k = 0; k < endorsers.size(); k++) {
            BlockHeader e = endorsers.get(k);
            int want = groups.next(previous.shard());
            if (e.shard() != want) {
                return Validity.invalid("endorser " + k + " is of shard " + e.shard() + ", shard " + want
                        + " comes next in ring order");
            }
            LceFields f;
            if (LceFields.read(e) instanceof LceFields.Read.Fields(LceFields x)) {
                f = x;
            } else {
                return Validity.invalid("endorser " + k + " has malformed LCE fields");
            }
            if (!f.endorsed().equals(previous.hash())) {
                return Validity.invalid("endorser " + k + " of shard " + e.shard() + " does not endorse the block "
                        + "before it in the proof");
            }
            if (f.endorsements().size() < k + 1 || !f.endorsements().get(k).equals(endorsed.hash())) {
                return Validity.invalid("endorsement list of endorser " + k + " does not reach back to the endorsed "
                        + "block of shard " + shard);
            }
            Validity v = certified(e, membership, crypto);
            if (!v.isValid()) {
                return v;
            }
            previous = e;
        }
        return Validity.VALID;
    }

    private static Validity certified(BlockHeader h, Membership membership, Crypto crypto) {
        List<NodeId> members = membership.members(h.shard());
        Validity v = ConsensusProof.verify(h, members, members.size() - BftConfig.faults(members.size()), crypto);
        return v instanceof Validity.Invalid(String why)
                ? Validity.invalid("header of shard " + h.shard() + " at height " + h.height() + ": " + why) : v;
    }

    public void encode(Encoder out) {
        out.list(chain, BlockHeader.CODEC::write);
        out.list(endorsers, BlockHeader.CODEC::write);
    }

    public int encodedSize() {
        int n = WireSizes.varint(chain.size()) + WireSizes.varint(endorsers.size());
        for (BlockHeader h : chain) {
            n += WireSizes.header(h);
        }
        for (BlockHeader h : endorsers) {
            n += WireSizes.header(h);
        }
        return n;
    }

    public static FinalityProof read(Decoder in) {
        List<BlockHeader> chain = in.list(MAX_CHAIN, BlockHeader.CODEC::read);
        List<BlockHeader> endorsers = in.list(LceFields.MAX_GROUP, BlockHeader.CODEC::read);
        try {
            return new FinalityProof(chain, endorsers);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad finality proof: " + e.getMessage());
        }
    }

    /** Checks that {@code target} appears in this proof's chain; for callers holding a header to judge. */
    public boolean covers(BlockHeader header) {
        Objects.requireNonNull(header);
        return chain.stream().anyMatch(h -> h.hash().equals(header.hash()));
    }
}
