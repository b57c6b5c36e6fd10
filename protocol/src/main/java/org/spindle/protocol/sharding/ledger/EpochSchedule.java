package org.spindle.protocol.sharding.ledger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.beacon.Reconfiguration;
import org.spindle.protocol.runtime.NodeId;

/**
 * The beacon's epochs as the validators of a reconfiguring ledger see them. Epoch {@code k}
 * begins at {@code k · epochMicros}: the beacon then fixes its membership from the epoch's
 * randomness ({@link Reconfiguration}) and records each shard's first height of the epoch (the
 * height after the shard's next one, so the old committee finishes what it had started). Every
 * validator reads the same epochs, so all agree on who certifies which height.
 */
public interface EpochSchedule {
    /** One announced epoch. */
    record Epoch(long epoch, Membership membership, List<Long> startHeights,
            List<Reconfiguration.SyncTransfer> syncPlan, long announcedAtMicros, Map<NodeId, Integer> shardIndex) {
        public Epoch {
            startHeights = List.copyOf(startHeights);
            syncPlan = List.copyOf(syncPlan);
            shardIndex = Map.copyOf(shardIndex);
            if (startHeights.size() != membership.shardCount()) {
                throw new IllegalArgumentException("one start height per shard");
            }
        }

        public Epoch(long epoch, Membership membership, List<Long> startHeights,
                List<Reconfiguration.SyncTransfer> syncPlan, long announcedAtMicros) {
            this(epoch, membership, startHeights, syncPlan, announcedAtMicros, membership.shardIndex());
        }

        /** The shard of {@code id} in this epoch, if it serves one. */
        public Optional<Integer> shardOf(NodeId id) {
            return Optional.ofNullable(shardIndex.get(id));
        }

        public long startHeight(int shard) {
            return startHeights.get(shard);
        }
    }

    long epochMicros();

    /** Epoch {@code k}, announced now if this is the first ask (at {@code k · epochMicros}). */
    Epoch announce(long k, long nowMicros);

    /** An epoch announced already. */
    Optional<Epoch> known(long k);

    /** The latest announced epoch (0 before the first boundary). */
    long latest();

    /** The ledger of {@code shard}: the state a synced member holds. */
    ShardLedger ledger(int shard);
}
