package org.spindle.core.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;

/**
 * The identity of a cross-shard credit: {@code sha256("spindle/receipt" || from || nonce)}.
 *
 * <p>Why from the sending transaction and not from the block position: a (sender, nonce) pair is
 * executed at most once on a chain, and if the same transfer appears in two competing blocks of a
 * forked source shard, both copies carry the same id, so the destination credits it at most once
 * whichever fork wins.
 */
public record ReceiptId(Hash hash) implements Comparable<ReceiptId> {
    private static final byte[] DOMAIN = "spindle/receipt".getBytes(StandardCharsets.US_ASCII);

    public ReceiptId {
        Objects.requireNonNull(hash, "hash");
    }

    public static ReceiptId of(Address from, long nonce) {
        MessageDigest md = Hashing.sha256Digest();
        md.update(DOMAIN);
        md.update(from.bytes().unsafeArray());
        for (int shift = 56; shift >= 0; shift -= 8) {
            md.update((byte) (nonce >>> shift));
        }
        return new ReceiptId(Hash.wrap(md.digest()));
    }

    @Override
    public int compareTo(ReceiptId o) {
        return hash.compareTo(o.hash);
    }

    @Override
    public String toString() {
        return "receipt:" + hash.toHex();
    }

    public static final Codec<ReceiptId> CODEC = new Codec<>() {
        @Override
        public void write(Encoder out, ReceiptId id) {
            out.hash(id.hash());
        }

        @Override
        public ReceiptId read(Decoder in) {
            return new ReceiptId(in.hash());
        }

        @Override
        public int maxSize() {
            return Hash.SIZE;
        }
    };
}
