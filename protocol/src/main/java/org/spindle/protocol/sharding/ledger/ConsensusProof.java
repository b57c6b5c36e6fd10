package org.spindle.protocol.sharding.ledger;

import java.util.List;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.bft.Block;
import org.spindle.protocol.consensus.bft.QuorumCertificate;
import org.spindle.protocol.consensus.bft.VoteKind;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.NodeId;

/**
 * What a committed ledger header carries in its certificate slot so that any node holding the
 * shard's member list can check it was agreed: the BFT commit certificate and the two things
 * besides the header that the certified BFT block hash covers (the BFT parent hash and the bulk
 * size of the payload). The payload of a ledger block is the header's encoding without certificate
 * ({@link #payloadOf}), so the certified hash can be recomputed from the header alone.
 */
public record ConsensusProof(Hash bftParent, int bulkBytes, QuorumCertificate commit) {
    public ConsensusProof {
        if (commit.kind() != VoteKind.COMMIT) {
            throw new IllegalArgumentException("a consensus proof carries a commit certificate");
        }
        if (bulkBytes < 0 || bulkBytes > Payload.MAX_BULK) {
            throw new IllegalArgumentException("bulk bytes out of range: " + bulkBytes);
        }
    }

    /** The consensus payload of a ledger block: its header without certificate, and the body's size. */
    public static Payload payloadOf(BlockHeader header, int bulkBytes) {
        return new Payload(BlockHeader.CODEC.encode(header.withCertificate(Bytes.EMPTY)), bulkBytes);
    }

    /** The header a payload carries; throws {@link CodecException} when it is not one. */
    public static BlockHeader headerOf(Payload payload) {
        BlockHeader h = BlockHeader.CODEC.decode(payload.content());
        if (!h.certificate().isEmpty()) {
            throw new CodecException("a proposed header carries no certificate yet");
        }
        return h;
    }

    public Bytes encode() {
        Encoder e = new Encoder(64 + commit.encodedSize());
        e.hash(bftParent).varint(bulkBytes);
        commit.encode(e);
        return e.toBytes();
    }

    public static ConsensusProof decode(Bytes certificate) {
        Decoder d = new Decoder(certificate);
        Hash parent = d.hash();
        int bulk = d.varint(Payload.MAX_BULK, "bulk bytes");
        QuorumCertificate qc = QuorumCertificate.read(d);
        d.end();
        try {
            return new ConsensusProof(parent, bulk, qc);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad consensus proof: " + e.getMessage());
        }
    }

    /** The BFT block hash this proof's certificate must name for {@code header}. */
    public Hash bftBlockHash(BlockHeader header) {
        return new Block(header.height(), bftParent, payloadOf(header, bulkBytes)).hash();
    }

    /** Whether {@code header}'s certificate proves a commit by {@code members} with {@code quorum}. */
    public static Validity verify(BlockHeader header, List<NodeId> members, int quorum, Crypto crypto) {
        if (header.certificate().isEmpty()) {
            return Validity.invalid("header of shard " + header.shard() + " at height " + header.height()
                    + " carries no certificate");
        }
        ConsensusProof p;
        try {
            p = decode(header.certificate());
        } catch (CodecException e) {
            return Validity.invalid("certificate is malformed: " + e.getMessage());
        }
        if (p.commit().height() != header.height()) {
            return Validity.invalid("certificate is for height " + p.commit().height() + ", header is at "
                    + header.height());
        }
        if (!p.commit().block().equals(p.bftBlockHash(header))) {
            return Validity.invalid("certificate names another block");
        }
        return p.commit().verify(members, quorum, crypto);
    }
}
