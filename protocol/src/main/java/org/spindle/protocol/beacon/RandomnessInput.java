package org.spindle.protocol.beacon;

import java.nio.charset.StandardCharsets;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.runtime.NodeId;

/** The byte strings signed and hashed by the randomness round, each with its own domain tag. */
public final class RandomnessInput {
    private RandomnessInput() {}

    /** What a member signs to make its reveal: (chain, epoch, previous randomness). */
    public static Bytes revealMessage(long chainId, long epoch, Hash previous) {
        return tagged("spindle/beacon/reveal").i64(chainId).i64(epoch).hash(previous).toBytes();
    }

    /** What a member signs to publish its commitment. */
    public static Bytes commitMessage(long chainId, long epoch, Hash commitment) {
        return tagged("spindle/beacon/commit").i64(chainId).i64(epoch).hash(commitment).toBytes();
    }

    public static Hash commitment(Bytes reveal) {
        return Hashing.keccak256(reveal);
    }

    /** The public stand-in for a missing contribution: anyone can compute it, nobody can choose it. */
    public static Hash fallback(long chainId, long epoch, Hash previous, NodeId member) {
        return Hashing.keccak256(tagged("spindle/beacon/missing").i64(chainId).i64(epoch).hash(previous)
                .varint(member.index()).toArray());
    }

    /** The randomness of epoch 0: a hash of the genesis, known to all and chosen by no single node. */
    public static Hash genesisRandomness(Hash genesisHash) {
        return Hashing.keccak256(tagged("spindle/beacon/genesis").hash(genesisHash).toArray());
    }

    static Encoder tagged(String tag) {
        return new Encoder().raw(tag.getBytes(StandardCharsets.UTF_8));
    }
}
