package org.spindle.protocol.sharding.reticulum;

import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.runtime.NodeId;

/**
 * What process shards agree on, seen through state-block-state linking: a block of process shard s
 * in epoch e extends {@code state}, the identity of s's latest accepted state (the hash of its last
 * accepted block, or of its genesis), and is checked against it.
 */
public interface ProcessBlocks {
    /** The block {@code proposer}, leading {@code shard} in {@code epoch}, proposes at {@code nowMicros}. */
    Payload propose(int shard, long epoch, Hash state, NodeId proposer, long nowMicros);

    Validity check(int shard, long epoch, Hash state, Payload payload);

    /**
     * A member of {@code shard} saw the control block {@code covering} accept the shard's block
     * {@code payload} of {@code epoch}: the block is final. Called by every member; the first applies it
     * and gets what was applied, to relay its receipts.
     */
    default java.util.Optional<org.spindle.protocol.sharding.ledger.ShardLedger.Applied> accepted(int shard,
            long epoch, Payload payload, Hash covering, long nowMicros) {
        return java.util.Optional.empty();
    }

    /** A member saw {@code block} accepted (before any {@link #accepted} call for its epoch). */
    default void controlAccepted(ControlBlock block) {}

    /** A member of {@code shard} saw its block of {@code epoch} rejected (or none proposed): state unchanged. */
    default void rejected(int shard, long epoch, long nowMicros) {}

    /**
     * Blocks that commit to (shard, epoch, state) in their content, with {@code bulkBytes} of
     * modelled transactions ({@code transactions} of them); valid exactly when the commitment
     * matches. Enough to run the protocol's phases, votes, expulsions and throughput at scale.
     */
    record Synthetic(int transactions, int bulkBytes) implements ProcessBlocks {
        public Synthetic {
            if (transactions < 0 || bulkBytes < 0 || bulkBytes > Payload.MAX_BULK) {
                throw new IllegalArgumentException("transactions and bulk must be non-negative, bulk at most "
                        + Payload.MAX_BULK);
            }
        }

        @Override
        public Payload propose(int shard, long epoch, Hash state, NodeId proposer, long nowMicros) {
            return new Payload(new Encoder(48).u8(0x50).varint(shard).varint(epoch).hash(state).varint(transactions)
                    .toBytes(), bulkBytes);
        }

        @Override
        public Validity check(int shard, long epoch, Hash state, Payload payload) {
            try {
                Decoder in = new Decoder(payload.content());
                if (in.u8() != 0x50) {
                    return Validity.invalid("not a process block");
                }
                int s = in.varint(Integer.MAX_VALUE, "shard");
                long e = in.varint();
                Hash parent = in.hash();
                in.varint();
                in.end();
                if (s != shard || e != epoch) {
                    return Validity.invalid("block of shard " + s + " epoch " + e + ", expected shard " + shard
                            + " epoch " + epoch);
                }
                if (!parent.equals(state)) {
                    return Validity.invalid("block does not extend the shard's latest accepted state");
                }
                return Validity.VALID;
            } catch (CodecException ex) {
                return Validity.invalid("malformed process block: " + ex.getMessage());
            }
        }
    }
}
