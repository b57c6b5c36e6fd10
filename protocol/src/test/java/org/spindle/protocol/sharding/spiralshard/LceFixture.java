package org.spindle.protocol.sharding.spiralshard;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.consensus.bft.QuorumCertificate;
import org.spindle.protocol.consensus.bft.Vote;
import org.spindle.protocol.consensus.bft.VoteKind;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.sharding.ledger.ConsensusProof;

/**
 * Three shards of four validators in one endorsement group of three, a toy signature scheme
 * (sha256 of signer and message, so a forged signature is any other bytes) and builders of
 * certified headers with LCE fields.
 */
final class LceFixture {
    static final int SHARDS = 3;
    static final int G = 3;
    static final SpiralShardSharding PROTOCOL = new SpiralShardSharding(SHARDS, G);
    static final Membership MEMBERSHIP = PROTOCOL.membership()
            .assign(Hash.ZERO, IntStream.range(0, 12).mapToObj(NodeId::of).toList(), 0);
    static final EndorsementGroups GROUPS = PROTOCOL.groups();

    /** The crypto of node {@code self}; verification works for any signer. */
    static Crypto crypto(NodeId self) {
        return new Crypto() {
            @Override
            public Bytes sign(Bytes message) {
                return signature(self, message);
            }

            @Override
            public boolean verify(NodeId signer, Bytes message, Bytes signature) {
                return signature(signer, message).equals(signature);
            }

            @Override
            public Hash hash(Bytes data) {
                return Hashing.sha256(data.toArray());
            }

            @Override
            public int signatureSize() {
                return 32;
            }
        };
    }

    static final Crypto VERIFIER = crypto(NodeId.of(0));

    private static Bytes signature(NodeId signer, Bytes message) {
        byte[] m = message.toArray();
        return Hashing.sha256(ByteBuffer.allocate(4 + m.length).putInt(signer.index()).put(m).array()).bytes();
    }

    /** An uncertified header of {@code shard} at {@code height} on {@code parent} with {@code fields}; {@code salt} varies it. */
    static BlockHeader header(int shard, long height, Hash parent, LceFields fields, int salt) {
        Hash root = Hashing.sha256(ByteBuffer.allocate(16).putInt(shard).putLong(height).putInt(salt).array());
        TreeMap<String, Bytes> base = new TreeMap<>(PROTOCOL.headerFields().fieldsFor(MEMBERSHIP, shard));
        return new BlockHeader(parent, height, shard, 0, root, root, root, root, Bytes.of((byte) 1),
                Address.wrap(new byte[20]), fields.into(base), Bytes.EMPTY);
    }

    /** {@code h} with a commit certificate by the first three of its shard's four members. */
    static BlockHeader certify(BlockHeader h) {
        return certify(h, false);
    }

    static BlockHeader certify(BlockHeader h, boolean forged) {
        ConsensusProof draft = new ConsensusProof(Hash.ZERO, 0, dummy(h.height()));
        Hash bftHash = draft.bftBlockHash(h);
        List<NodeId> members = MEMBERSHIP.members(h.shard());
        TreeMap<Integer, Bytes> sigs = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            Bytes s = Vote.sign(crypto(members.get(i)), members.get(i), VoteKind.COMMIT, h.height(), 0, bftHash)
                    .signature();
            sigs.put(i, forged && i == 1 ? Bytes.of((byte) 9) : s);
        }
        QuorumCertificate qc = QuorumCertificate.of(VoteKind.COMMIT, h.height(), 0, bftHash, members.size(), sigs);
        return h.withCertificate(new ConsensusProof(Hash.ZERO, 0, qc).encode());
    }

    private static QuorumCertificate dummy(long height) {
        return QuorumCertificate.of(VoteKind.COMMIT, height, 0, Hash.ZERO, 4, new TreeMap<>());
    }

    /** A certified block of {@code shard} endorsing {@code endorsed} (null: nothing). */
    static BlockHeader block(int shard, long height, Hash parent, BlockHeader endorsed, int salt) {
        LceFields f = endorsed == null ? LceFields.NONE
                : LceFields.endorsing(Hash.ZERO, endorsed, LceFields.of(endorsed), G);
        return certify(header(shard, height, parent, f, salt));
    }

    private LceFixture() {}
}
