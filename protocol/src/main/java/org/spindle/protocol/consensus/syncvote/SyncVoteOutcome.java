package org.spindle.protocol.consensus.syncvote;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.spindle.core.bytes.Hash;

/**
 * A group member's verdict for one epoch: whether a block was accepted, and the exact vote set it is
 * based on (Reticulum expels by it): each voter's ballot, and the voters from whom nothing arrived.
 * Byzantine broadcast makes this record equal at every honest member of the group.
 */
public record SyncVoteOutcome(long epoch, boolean accepted, Hash block, SortedMap<Integer, Ballot> ballots,
        SortedSet<Integer> missing) {
    public SyncVoteOutcome {
        ballots = Collections.unmodifiableSortedMap(new TreeMap<>(ballots));
        missing = Collections.unmodifiableSortedSet(new TreeSet<>(missing));
    }
}
