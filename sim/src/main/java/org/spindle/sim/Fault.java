package org.spindle.sim;

import java.util.List;

/** A change to the world applied at a scheduled simulated time. */
public sealed interface Fault {
    /** The nodes stop: their memory, timers and queued work are lost; messages to them are dropped. */
    record Crash(List<Integer> nodes) implements Fault {}

    /** Crashed nodes start again with their storage and a fresh protocol object. */
    record Restart(List<Integer> nodes) implements Fault {}

    /**
     * Splits the network: nodes talk only within their group; nodes in no group form one more
     * group together. Replaces any previous partition.
     */
    record Partition(List<List<Integer>> groups) implements Fault {}

    /** Ends the partition. */
    record Heal() implements Fault {}

    /** Cuts links in both directions: each entry is a pair of nodes. */
    record Cut(List<List<Integer>> links) implements Fault {}

    /** Restores cut links. */
    record Restore(List<List<Integer>> links) implements Fault {}
}
