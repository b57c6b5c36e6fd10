package org.spindle.core.ledger;

import java.util.Objects;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.merkle.MerkleProof;

/**
 * A cross-shard receipt as carried in a destination block: the receipt, the hash of the source
 * block that emitted it, and its inclusion proof against that block's outgoing receipts root. That
 * the source block is final is the sharding protocol's business (it holds the certificates); this
 * record checks the rest against the source header.
 */
public record IncomingReceipt(Receipt receipt, Hash sourceBlockHash, MerkleProof proof) {

    /** Why an incoming receipt does not match the source header it claims. */
    public enum Check {
        VALID,
        HEADER_MISMATCH,
        SHARD_MISMATCH,
        HEIGHT_MISMATCH,
        INDEX_MISMATCH,
        BAD_PROOF
    }

    public IncomingReceipt {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(sourceBlockHash, "sourceBlockHash");
        Objects.requireNonNull(proof, "proof");
    }

    public Check verifyAgainst(BlockHeader source) {
        return verifyAgainst(source, source.hash());
    }

    /**
     * As {@link #verifyAgainst(BlockHeader)}, with the header's hash already computed by the
     * caller: a relay of many receipts from one header hashes it once, not once per receipt.
     * {@code sourceHash} must be {@code source.hash()}.
     */
    public Check verifyAgainst(BlockHeader source, Hash sourceHash) {
        if (!sourceHash.equals(sourceBlockHash)) {
            return Check.HEADER_MISMATCH;
        }
        if (source.shard() != receipt.sourceShard()) {
            return Check.SHARD_MISMATCH;
        }
        if (source.height() != receipt.sourceHeight()) {
            return Check.HEIGHT_MISMATCH;
        }
        if (proof.index() != receipt.index()) {
            return Check.INDEX_MISMATCH;
        }
        return proof.verify(source.outgoingReceiptsRoot(), Receipt.CODEC.encode(receipt))
                ? Check.VALID
                : Check.BAD_PROOF;
    }

    public static final Codec<IncomingReceipt> CODEC = new Codec<>() {
        @Override
        public void write(Encoder out, IncomingReceipt r) {
            Receipt.CODEC.write(out, r.receipt());
            out.hash(r.sourceBlockHash());
            MerkleProof.CODEC.write(out, r.proof());
        }

        @Override
        public IncomingReceipt read(Decoder in) {
            return new IncomingReceipt(Receipt.CODEC.read(in), in.hash(), MerkleProof.CODEC.read(in));
        }

        @Override
        public int maxSize() {
            return Receipt.CODEC.maxSize() + Hash.SIZE + MerkleProof.CODEC.maxSize();
        }
    };
}
