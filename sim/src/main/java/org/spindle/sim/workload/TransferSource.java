package org.spindle.sim.workload;

/** Where a workload's transfers come from: synthetic draws or a replayed file. */
public interface TransferSource {
    /** The next transfer, or null when the source is exhausted (a replay that does not loop). */
    Transfer next();
}
