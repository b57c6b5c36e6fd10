package org.spindle.protocol.crosshard;

import org.spindle.core.ledger.BlockHeader;

/**
 * Decides whether a header of another shard is final: the sharding protocol's business (a BFT
 * commit certificate for the baseline, endorsements by the group for SpiralShard, the control
 * shard's decision for Reticulum). The cross-shard layer only asks; it never credits a receipt
 * from a header this says is not final.
 */
@FunctionalInterface
public interface FinalityVerifier {
    FinalityCheck check(BlockHeader header);
}
