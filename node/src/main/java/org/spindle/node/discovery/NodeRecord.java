package org.spindle.node.discovery;

import java.util.List;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.crypto.SignatureScheme;
import org.spindle.protocol.runtime.NodeId;

/**
 * What a node advertises about itself: its index in the network, its Ed25519 validator key, where
 * it listens, the shards it serves and a sequence number, signed with that key. A node raises the
 * sequence number each time it publishes a new record (e.g. after a restart on a new port), so a
 * replayed older record is recognised as stale.
 */
public record NodeRecord(int index, Bytes publicKey, String host, int port, List<Integer> shards, long sequence,
        Bytes signature) {
    public static final int MAX_HOST = 253;
    public static final int MAX_SHARDS = 64;
    private static final int DOMAIN = 0x4E;

    public NodeRecord {
        shards = List.copyOf(shards);
        if (index < 0 || port < 1 || port > 65535 || sequence < 0) {
            throw new IllegalArgumentException("index, port or sequence out of range");
        }
        if (publicKey.size() != Ed25519.PUBLIC_KEY_SIZE || signature.size() != Ed25519.SIGNATURE_SIZE) {
            throw new IllegalArgumentException("an Ed25519 key has 32 bytes and a signature 64");
        }
        if (host.isEmpty() || host.length() > MAX_HOST || shards.size() > MAX_SHARDS) {
            throw new IllegalArgumentException("host of 1.." + MAX_HOST + " characters, at most " + MAX_SHARDS
                    + " shards");
        }
        if (shards.stream().anyMatch(s -> s < 0) || shards.stream().distinct().count() != shards.size()) {
            throw new IllegalArgumentException("shards must be distinct and non-negative: " + shards);
        }
    }

    /** Makes and signs a record with {@code keys}. */
    public static NodeRecord signed(SignatureScheme.KeyPair keys, int index, String host, int port,
            List<Integer> shards, long sequence) {
        Bytes pub = keys.publicKey().bytes();
        Bytes sig = Ed25519.INSTANCE.sign(keys.privateKey(), signingBytes(index, pub, host, port, shards, sequence));
        return new NodeRecord(index, pub, host, port, shards, sequence, sig);
    }

    public NodeId id() {
        return NodeId.of(index);
    }

    /** True when the signature is this record's key's signature over its fields. */
    public boolean signatureValid() {
        return Ed25519.INSTANCE.verify(new SignatureScheme.PublicKey(Ed25519.NAME, publicKey),
                signingBytes(index, publicKey, host, port, shards, sequence), signature);
    }

    public boolean sharesShardWith(NodeRecord other) {
        return shards.stream().anyMatch(other.shards::contains);
    }

    public void encode(Encoder out) {
        out.varint(index).bytes(publicKey).string(host).varint(port);
        out.list(shards, (o, s) -> o.varint(s));
        out.varint(sequence).bytes(signature);
    }

    public static NodeRecord read(Decoder in) {
        int index = in.varint(Integer.MAX_VALUE, "index");
        Bytes key = in.bytes(Ed25519.PUBLIC_KEY_SIZE);
        String host = in.string(MAX_HOST);
        int port = in.varint(65535, "port");
        List<Integer> shards = in.list(MAX_SHARDS, d -> d.varint(Integer.MAX_VALUE, "shard"));
        long sequence = in.varint();
        Bytes sig = in.bytes(Ed25519.SIGNATURE_SIZE);
        try {
            return new NodeRecord(index, key, host, port, shards, sequence, sig);
        } catch (IllegalArgumentException e) {
            throw new CodecException("bad node record: " + e.getMessage());
        }
    }

    private static Bytes signingBytes(int index, Bytes key, String host, int port, List<Integer> shards, long seq) {
        Encoder e = new Encoder(128).u8(DOMAIN).varint(index).bytes(key).string(host).varint(port);
        e.list(shards, (o, s) -> o.varint(s));
        return e.varint(seq).toBytes();
    }
}
