package org.spindle.protocol.consensus.syncvote;

import java.util.List;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeId;

/**
 * A certificate of {@link Broadcast#BB}: signed step-2 echoes of at least f+1 distinct group members
 * that each list the vote (block, approve) for {@code voter}, so at least one honest member received
 * that vote straight from the voter in step 1; then the signatures of the members that forwarded
 * the certificate, in order ({@code forwarders}, one to two). A certificate forwarded by k members
 * is accepted only until 2Δ + k·Δ after voting, as in a Dolev–Strong chain.
 */
public record Certificate(long epoch, NodeId voter, Hash block, boolean approve, List<Vouch> vouches,
        List<VoteChain.Link> forwarders) implements SyncVoteMessage {
    /** One member's signed echo, naming the member (the echo itself carries no sender). */
    public record Vouch(NodeId signer, Echo echo) {
        public Vouch {
            java.util.Objects.requireNonNull(signer, "signer");
            java.util.Objects.requireNonNull(echo, "echo");
        }
    }

    public Certificate {
        java.util.Objects.requireNonNull(block, "block");
        vouches = List.copyOf(vouches);
        forwarders = List.copyOf(forwarders);
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be non-negative");
        }
        if (vouches.size() > MAX_CHAIN || forwarders.size() > MAX_CHAIN) {
            throw new IllegalArgumentException("too many vouches or forwarders");
        }
    }

    /** What a forwarder signs. */
    public static Bytes forwardBytes(long epoch, int voter, Hash block, boolean approve) {
        return new Encoder(48).u8(0x63).varint(epoch).varint(voter).hash(block).bool(approve).toBytes();
    }

    public Certificate forwardedBy(VoteChain.Link link) {
        List<VoteChain.Link> more = new java.util.ArrayList<>(forwarders);
        more.add(link);
        return new Certificate(epoch, voter, block, approve, vouches, more);
    }

    @Override
    public int typeTag() {
        return TAG_CERTIFICATE;
    }

    @Override
    public void encodeBody(Encoder out) {
        out.varint(epoch);
        out.varint(voter.index());
        out.hash(block);
        out.bool(approve);
        out.varint(vouches.size());
        for (Vouch v : vouches) {
            out.varint(v.signer().index());
            v.echo().encodeBody(out);
        }
        VoteChain.Link.writeAll(out, forwarders);
    }

    @Override
    public int encodedSize() {
        int size = 1 + Message.varintSize(epoch) + Message.varintSize(voter.index()) + Hash.SIZE + 1
                + Message.varintSize(vouches.size()) + VoteChain.Link.sizeOfAll(forwarders);
        for (Vouch v : vouches) {
            size += Message.varintSize(v.signer().index()) + v.echo().encodedSize() - 1;
        }
        return size;
    }

    static Certificate readBody(Decoder in) {
        long epoch = in.varint();
        int voter = in.varint(Integer.MAX_VALUE, "voter");
        Hash block = in.hash();
        boolean approve = in.bool();
        List<Vouch> vouches = in.list(MAX_CHAIN, d -> new Vouch(NodeId.of(d.varint(Integer.MAX_VALUE, "signer")),
                Echo.readBody(d)));
        List<VoteChain.Link> forwarders = VoteChain.Link.readAll(in, "forwarder");
        try {
            return new Certificate(epoch, NodeId.of(voter), block, approve, vouches, forwarders);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad certificate: " + e.getMessage());
        }
    }
}
