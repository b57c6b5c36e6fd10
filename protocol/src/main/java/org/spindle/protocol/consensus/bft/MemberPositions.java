package org.spindle.protocol.consensus.bft;

import java.util.Arrays;
import java.util.List;
import org.spindle.protocol.runtime.NodeId;

/**
 * Each member's position in a committee's member list, looked up by node id for every message a
 * member receives. Node ids are dense indices, so when the members' indices are not spread much
 * wider than the committee the table is a plain array indexed by node index (one memory access, and
 * smaller than a hash map of boxed entries); otherwise it is a binary search over the sorted indices.
 */
final class MemberPositions {
    /** An index table may be this many times wider than the committee before a search is used instead. */
    private static final int SPREAD = 16;

    private final int[] byIndex;
    private final int[] sortedIndex;
    private final int[] sortedPosition;

    MemberPositions(List<NodeId> members) {
        int n = members.size();
        int max = -1;
        for (NodeId m : members) {
            max = Math.max(max, m.index());
        }
        if (max < (long) SPREAD * n + 64) {
            byIndex = new int[max + 1];
            Arrays.fill(byIndex, -1);
            for (int i = 0; i < n; i++) {
                byIndex[members.get(i).index()] = i;
            }
            sortedIndex = null;
            sortedPosition = null;
        } else {
            byIndex = null;
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(members.get(a).index(), members.get(b).index()));
            sortedIndex = new int[n];
            sortedPosition = new int[n];
            for (int k = 0; k < n; k++) {
                sortedIndex[k] = members.get(order[k]).index();
                sortedPosition[k] = order[k];
            }
        }
    }

    /** The member's position, or -1 for a node that is not a member. */
    int of(NodeId node) {
        int i = node.index();
        if (byIndex != null) {
            return i < byIndex.length ? byIndex[i] : -1;
        }
        int k = Arrays.binarySearch(sortedIndex, i);
        return k < 0 ? -1 : sortedPosition[k];
    }
}
