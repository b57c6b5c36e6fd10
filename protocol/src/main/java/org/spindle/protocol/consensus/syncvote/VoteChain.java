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
 * A vote in Dolev–Strong broadcast: the voter's signed vote (approve or reject {@code block};
 * {@code block} is {@link Hash#ZERO} when it received no usable proposal) followed by the relay
 * signatures of the group members that passed it on, in order. A chain of k signatures is accepted
 * only until the end of broadcast round k.
 */
public record VoteChain(long epoch, NodeId voter, Hash block, boolean approve, Bytes voterSignature,
        List<Link> relays) implements SyncVoteMessage {
    /** One relayer's signature over the vote. */
    public record Link(NodeId signer, Bytes signature) {
        public Link {
            if (signature.size() > MAX_SIGNATURE) {
                throw new IllegalArgumentException("signature too large");
            }
        }

        /** Links travel as a count, then (signer index, signature) each: in vote chains and certificates. */
        static void writeAll(Encoder out, List<Link> links) {
            out.varint(links.size());
            for (Link l : links) {
                out.varint(l.signer().index());
                out.bytes(l.signature());
            }
        }

        static int sizeOfAll(List<Link> links) {
            int size = Message.varintSize(links.size());
            for (Link l : links) {
                size += Message.varintSize(l.signer().index()) + Message.varintSize(l.signature().size())
                        + l.signature().size();
            }
            return size;
        }

        static List<Link> readAll(Decoder in, String role) {
            return in.list(MAX_CHAIN, d -> new Link(NodeId.of(d.varint(Integer.MAX_VALUE, role)),
                    d.bytes(MAX_SIGNATURE)));
        }
    }

    public VoteChain {
        relays = List.copyOf(relays);
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be non-negative");
        }
        if (voterSignature.size() > MAX_SIGNATURE || relays.size() > MAX_CHAIN) {
            throw new IllegalArgumentException("signature or chain too large");
        }
    }

    /** Signatures on the chain: the voter's and every relayer's. */
    public int length() {
        return 1 + relays.size();
    }

    public VoteChain append(Link link) {
        List<Link> more = new java.util.ArrayList<>(relays);
        more.add(link);
        return new VoteChain(epoch, voter, block, approve, voterSignature, more);
    }

    @Override
    public int typeTag() {
        return TAG_VOTE_CHAIN;
    }

    @Override
    public void encodeBody(Encoder out) {
        out.varint(epoch);
        out.varint(voter.index());
        out.hash(block);
        out.bool(approve);
        out.bytes(voterSignature);
        Link.writeAll(out, relays);
    }

    @Override
    public int encodedSize() {
        return 1 + Message.varintSize(epoch) + Message.varintSize(voter.index()) + Hash.SIZE + 1
                + Message.varintSize(voterSignature.size()) + voterSignature.size() + Link.sizeOfAll(relays);
    }

    static VoteChain readBody(Decoder in) {
        long epoch = in.varint();
        int voter = in.varint(Integer.MAX_VALUE, "voter");
        Hash block = in.hash();
        boolean approve = in.bool();
        Bytes sig = in.bytes(MAX_SIGNATURE);
        List<Link> relays = Link.readAll(in, "relayer");
        try {
            return new VoteChain(epoch, NodeId.of(voter), block, approve, sig, relays);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad vote chain: " + e.getMessage());
        }
    }
}
