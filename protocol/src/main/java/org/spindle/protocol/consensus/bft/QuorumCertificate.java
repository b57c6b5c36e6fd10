package org.spindle.protocol.consensus.bft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;

/**
 * Proof that a quorum voted {@code kind} for {@code block} at (height, view): a bitmap of signer
 * positions in the member list and their signatures in ascending position order. Anyone holding the
 * member list checks it from the block hash alone; no other message is needed.
 */
public record QuorumCertificate(VoteKind kind, long height, int view, Hash block, Bytes signers,
        List<Bytes> signatures) {
    public static final int MAX_MEMBERS = 4096;
    public static final int MAX_SIGNATURE = 256;

    public QuorumCertificate {
        signatures = List.copyOf(signatures);
        if (height < 0 || view < 0) {
            throw new IllegalArgumentException("height and view must be non-negative");
        }
        if (signers.size() > MAX_MEMBERS / 8 || signatures.size() > MAX_MEMBERS) {
            throw new IllegalArgumentException("certificate larger than " + MAX_MEMBERS + " members");
        }
        for (Bytes s : signatures) {
            if (s.size() > MAX_SIGNATURE) {
                throw new IllegalArgumentException("signature of " + s.size() + " bytes");
            }
        }
    }

    /** Builds a certificate from signatures keyed by member position (ascending iteration order). */
    public static QuorumCertificate of(VoteKind kind, long height, int view, Hash block, int members,
            Map<Integer, Bytes> byPosition) {
        byte[] bitmap = new byte[(members + 7) / 8];
        List<Bytes> sigs = new ArrayList<>(byPosition.size());
        int last = -1;
        for (Map.Entry<Integer, Bytes> e : byPosition.entrySet()) {
            int p = e.getKey();
            if (p <= last || p >= members) {
                throw new IllegalArgumentException("signer positions must ascend within 0.." + (members - 1));
            }
            last = p;
            bitmap[p >>> 3] |= (byte) (1 << (p & 7));
            sigs.add(e.getValue());
        }
        return new QuorumCertificate(kind, height, view, block, Bytes.wrap(bitmap), sigs);
    }

    /** Builds a certificate from signatures indexed by member position (null: no signature); {@code members} of them. */
    public static QuorumCertificate of(VoteKind kind, long height, int view, Hash block, int members,
            Bytes[] byPosition) {
        if (byPosition.length != members) {
            throw new IllegalArgumentException("one slot per member: " + byPosition.length + " for " + members);
        }
        byte[] bitmap = new byte[(members + 7) / 8];
        List<Bytes> sigs = new ArrayList<>();
        for (int p = 0; p < members; p++) {
            if (byPosition[p] != null) {
                bitmap[p >>> 3] |= (byte) (1 << (p & 7));
                sigs.add(byPosition[p]);
            }
        }
        return new QuorumCertificate(kind, height, view, block, Bytes.wrap(bitmap), sigs);
    }

    /** The signers' positions in the member list, ascending. */
    public List<Integer> signerPositions() {
        List<Integer> out = new ArrayList<>();
        for (int p = 0; p < signers.size() * 8; p++) {
            if ((signers.get(p >>> 3) & (1 << (p & 7))) != 0) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * Checks shape, quorum size and every signature against {@code members}. Charges one signature
     * verification per signer through {@code crypto}.
     */
    public Validity verify(List<NodeId> members, int quorum, Crypto crypto) {
        if (signers.size() != (members.size() + 7) / 8) {
            return Validity.invalid("signer bitmap has " + signers.size() + " bytes for " + members.size()
                    + " members");
        }
        List<Integer> positions = signerPositions();
        if (!positions.isEmpty() && positions.getLast() >= members.size()) {
            return Validity.invalid("signer bitmap names position " + positions.getLast() + " beyond the "
                    + members.size() + " members");
        }
        if (positions.size() != signatures.size()) {
            return Validity.invalid(positions.size() + " signers but " + signatures.size() + " signatures");
        }
        if (positions.size() < quorum) {
            return Validity.invalid(positions.size() + " signers, below the quorum of " + quorum);
        }
        Bytes message = Signing.vote(kind, height, view, block);
        for (int i = 0; i < positions.size(); i++) {
            NodeId signer = members.get(positions.get(i));
            if (!crypto.verify(signer, message, signatures.get(i))) {
                return Validity.invalid("bad signature by " + signer);
            }
        }
        return Validity.VALID;
    }

    public void encode(Encoder out) {
        out.u8(kind.ordinal());
        out.varint(height);
        out.varint(view);
        out.hash(block);
        out.bytes(signers);
        out.varint(signatures.size());
        for (Bytes s : signatures) {
            out.bytes(s);
        }
    }

    public int encodedSize() {
        int size = 1 + Message.varintSize(height) + Message.varintSize(view) + Hash.SIZE
                + Message.varintSize(signers.size()) + signers.size() + Message.varintSize(signatures.size());
        for (Bytes s : signatures) {
            size += Message.varintSize(s.size()) + s.size();
        }
        return size;
    }

    public static QuorumCertificate read(Decoder in) {
        VoteKind kind = VoteKind.fromCode(in.u8());
        long height = in.varint();
        int view = in.varint(Integer.MAX_VALUE, "view");
        Hash block = in.hash();
        Bytes signers = in.bytes(MAX_MEMBERS / 8);
        List<Bytes> sigs = in.list(MAX_MEMBERS, d -> d.bytes(MAX_SIGNATURE));
        try {
            return new QuorumCertificate(kind, height, view, block, signers, sigs);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad quorum certificate: " + e.getMessage());
        }
    }
}
