package org.spindle.protocol.gossip;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A random undirected overlay in which every node has exactly {@code degree} neighbours: the union
 * of {@code degree / 2} random Hamiltonian cycles, each repaired until it adds no edge already
 * present. A pure function of (nodes, degree, seed), so every node computes the same overlay.
 */
public final class RandomOverlay {
    private static final int MAX_REPAIRS = 100_000;

    private RandomOverlay() {}

    /** Neighbour lists, each sorted ascending. */
    public static int[][] build(int nodes, int degree, long seed) {
        if (degree < 2 || (degree & 1) != 0) {
            throw new IllegalArgumentException("degree must be even and at least 2, got " + degree);
        }
        if (degree >= nodes) {
            throw new IllegalArgumentException("degree " + degree + " needs more than " + degree + " nodes");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[][] adj = new int[nodes][degree];
        int[] filled = new int[nodes];
        int[] perm = new int[nodes];
        for (int cycle = 0; cycle < degree / 2; cycle++) {
            for (int i = 0; i < nodes; i++) {
                perm[i] = i;
            }
            for (int i = nodes - 1; i > 0; i--) {
                swap(perm, i, rnd.nextInt(i + 1));
            }
            // A random cycle over many nodes almost always repeats a few existing edges; moving one
            // endpoint of each repeated edge to a random place repairs them in a few passes.
            int passes = 0;
            int bad;
            while ((bad = firstRepeatedEdge(perm, adj, filled)) >= 0) {
                if (++passes > MAX_REPAIRS) {
                    throw new IllegalStateException("no simple " + degree + "-regular overlay found for "
                            + nodes + " nodes");
                }
                swap(perm, (bad + 1) % nodes, rnd.nextInt(nodes));
            }
            for (int i = 0; i < nodes; i++) {
                int a = perm[i];
                int b = perm[(i + 1) % nodes];
                adj[a][filled[a]++] = b;
                adj[b][filled[b]++] = a;
            }
        }
        for (int[] row : adj) {
            Arrays.sort(row);
        }
        return adj;
    }

    /** The position of the first cycle edge already in the overlay, or -1. */
    private static int firstRepeatedEdge(int[] perm, int[][] adj, int[] filled) {
        int n = perm.length;
        for (int i = 0; i < n; i++) {
            int a = perm[i];
            int b = perm[(i + 1) % n];
            if (a == b) {
                return i;
            }
            for (int k = 0; k < filled[a]; k++) {
                if (adj[a][k] == b) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
