package org.spindle.core.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Codec;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;

/**
 * The header of one shard's block. Headers alone must let another shard check a block was agreed
 * (SpiralShard relays only headers), so the header commits to the whole body through its roots.
 *
 * <p>The proposer is named by its public key ({@code proposerKey}, any signature scheme, at most
 * {@link #MAX_PROPOSER_KEY} bytes) and pays fees to {@code feeRecipient}, an account of this shard
 * (a validator serving several shards names one address per shard). {@code certificate} holds the
 * consensus proof (aggregated or concatenated signatures), which signs the header hash, so the
 * hash covers everything except the certificate. {@code extensions} carry protocol fields
 * (endorsements, latest finalized hash, votes) as a sorted map with bounded count and sizes; keys
 * are short ASCII names.
 *
 * <p>{@link #hash()} is {@code keccak256} of the encoding without the certificate.
 */
public record BlockHeader(
        Hash parentHash,
        long height,
        int shard,
        long epoch,
        Hash stateRoot,
        Hash transactionsRoot,
        Hash outgoingReceiptsRoot,
        Hash incomingReceiptsRoot,
        Bytes proposerKey,
        Address feeRecipient,
        SortedMap<String, Bytes> extensions,
        Bytes certificate) {

    public static final int MAX_PROPOSER_KEY = 128;
    public static final int MAX_EXTENSIONS = 32;
    public static final int MAX_EXTENSION_KEY = 64;
    public static final int MAX_EXTENSION_VALUE = 16 * 1024;
    public static final int MAX_CERTIFICATE = 64 * 1024;

    public BlockHeader {
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(stateRoot, "stateRoot");
        Objects.requireNonNull(transactionsRoot, "transactionsRoot");
        Objects.requireNonNull(outgoingReceiptsRoot, "outgoingReceiptsRoot");
        Objects.requireNonNull(incomingReceiptsRoot, "incomingReceiptsRoot");
        Objects.requireNonNull(proposerKey, "proposerKey");
        Objects.requireNonNull(feeRecipient, "feeRecipient");
        Objects.requireNonNull(extensions, "extensions");
        Objects.requireNonNull(certificate, "certificate");
        if (height < 0 || epoch < 0 || shard < 0 || shard >= ShardMath.MAX_SHARDS) {
            throw new IllegalArgumentException("negative height or epoch, or shard out of range");
        }
        if (proposerKey.size() > MAX_PROPOSER_KEY || certificate.size() > MAX_CERTIFICATE) {
            throw new IllegalArgumentException("proposer key or certificate too large");
        }
        if (extensions.size() > MAX_EXTENSIONS) {
            throw new IllegalArgumentException("more than " + MAX_EXTENSIONS + " extensions");
        }
        TreeMap<String, Bytes> copy = new TreeMap<>();
        for (Map.Entry<String, Bytes> e : extensions.entrySet()) {
            checkExtensionKey(e.getKey());
            if (e.getValue().size() > MAX_EXTENSION_VALUE) {
                throw new IllegalArgumentException("extension " + e.getKey() + " is too large");
            }
            copy.put(e.getKey(), e.getValue());
        }
        extensions = Collections.unmodifiableSortedMap(copy);
    }

    private static void checkExtensionKey(String key) {
        if (key.isEmpty() || key.length() > MAX_EXTENSION_KEY) {
            throw new IllegalArgumentException("extension key must have 1 to " + MAX_EXTENSION_KEY + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-' || c == '/';
            if (!ok) {
                throw new IllegalArgumentException("extension key has a character outside [A-Za-z0-9._/-]: " + key);
            }
        }
    }

    public BlockHeader withCertificate(Bytes newCertificate) {
        return new BlockHeader(parentHash, height, shard, epoch, stateRoot, transactionsRoot,
                outgoingReceiptsRoot, incomingReceiptsRoot, proposerKey, feeRecipient, extensions, newCertificate);
    }

    /** The bytes the hash covers: every field but the certificate. */
    public Bytes unsignedBytes() {
        Encoder e = new Encoder(256);
        writeUnsigned(e, this);
        return e.toBytes();
    }

    public Hash hash() {
        return Hashing.keccak256(unsignedBytes());
    }

    private static void writeUnsigned(Encoder out, BlockHeader h) {
        out.hash(h.parentHash())
                .varint(h.height())
                .varint(h.shard())
                .varint(h.epoch())
                .hash(h.stateRoot())
                .hash(h.transactionsRoot())
                .hash(h.outgoingReceiptsRoot())
                .hash(h.incomingReceiptsRoot())
                .bytes(h.proposerKey())
                .address(h.feeRecipient());
        out.varint(h.extensions().size());
        for (Map.Entry<String, Bytes> e : h.extensions().entrySet()) {
            out.bytes(Bytes.wrap(e.getKey().getBytes(StandardCharsets.US_ASCII))).bytes(e.getValue());
        }
    }

    public static final Codec<BlockHeader> CODEC = new Codec<>() {
        @Override
        public void write(Encoder out, BlockHeader h) {
            writeUnsigned(out, h);
            out.bytes(h.certificate());
        }

        @Override
        public BlockHeader read(Decoder in) {
            Hash parent = in.hash();
            long height = in.varint();
            int shard = in.varint(ShardMath.MAX_SHARDS - 1, "shard");
            long epoch = in.varint();
            Hash stateRoot = in.hash();
            Hash txRoot = in.hash();
            Hash outRoot = in.hash();
            Hash inRoot = in.hash();
            Bytes proposer = in.bytes(MAX_PROPOSER_KEY);
            Address feeRecipient = in.address();
            int n = in.varint(MAX_EXTENSIONS, "extension count");
            TreeMap<String, Bytes> ext = new TreeMap<>();
            String previous = null;
            for (int i = 0; i < n; i++) {
                String key = in.string(MAX_EXTENSION_KEY);
                if (previous != null && key.compareTo(previous) <= 0) {
                    throw new CodecException("extension keys must be strictly ascending");
                }
                previous = key;
                ext.put(key, in.bytes(MAX_EXTENSION_VALUE));
            }
            Bytes certificate = in.bytes(MAX_CERTIFICATE);
            try {
                return new BlockHeader(parent, height, shard, epoch, stateRoot, txRoot, outRoot, inRoot,
                        proposer, feeRecipient, ext, certificate);
            } catch (IllegalArgumentException e) {
                throw CodecErrors.invalid("block header", e);
            }
        }

        @Override
        public int maxSize() {
            return 32 + 10 + 3 + 10 + 4 * 32 + 2 + MAX_PROPOSER_KEY + 20 + 1
                    + MAX_EXTENSIONS * (1 + MAX_EXTENSION_KEY + 3 + MAX_EXTENSION_VALUE) + 3 + MAX_CERTIFICATE;
        }
    };
}
