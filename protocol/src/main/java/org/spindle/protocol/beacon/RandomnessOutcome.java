package org.spindle.protocol.beacon;

import java.util.List;
import java.util.Map;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.runtime.NodeId;

/**
 * The randomness of an epoch and how it came about.
 *
 * @param revealed  members whose reveal counted, ascending
 * @param withheld  members that committed but did not reveal: the beacon chain penalises them,
 *                  with their commitment as evidence ({@code commitments})
 * @param absent    members that never committed (offline, or late); replaced by the fallback too
 */
public record RandomnessOutcome(long epoch, Hash value, List<NodeId> revealed, List<NodeId> withheld,
                                List<NodeId> absent, Map<NodeId, Hash> commitments) {
    public RandomnessOutcome {
        revealed = List.copyOf(revealed);
        withheld = List.copyOf(withheld);
        absent = List.copyOf(absent);
        commitments = Map.copyOf(commitments);
    }
}
