package org.spindle.sim.workload;

import java.util.List;

/**
 * Replays a list of transfers in file order; with {@code loop}, starts over at the end (senders'
 * nonces keep counting, so every round is new transactions).
 */
public final class CsvReplay implements TransferSource {
    private final List<Transfer> transfers;
    private final boolean loop;
    private int next;

    public CsvReplay(List<Transfer> transfers, boolean loop) {
        if (transfers.isEmpty()) {
            throw new IllegalArgumentException("nothing to replay");
        }
        this.transfers = List.copyOf(transfers);
        this.loop = loop;
    }

    public List<Transfer> transfers() {
        return transfers;
    }

    @Override
    public Transfer next() {
        if (next == transfers.size()) {
            if (!loop) {
                return null;
            }
            next = 0;
        }
        return transfers.get(next++);
    }
}
