package org.spindle.sim.baseline;

import java.util.ArrayList;
import java.util.List;
import org.spindle.core.ledger.ShardMath;
import org.spindle.protocol.sharding.ledger.ShardLedger;
import org.spindle.protocol.sharding.ledger.TxPool;
import org.spindle.sim.ledger.LedgerObserver;
import org.spindle.sim.workload.SubmittedTx;
import org.spindle.sim.workload.Workload;

/**
 * The simulated clients: each transaction the workload submits at time t reaches the pool of its
 * sender's shard at t + {@code latencyMicros} (a modelled client-to-shard latency; the clients'
 * upload bandwidth is not modelled). Members pull what has arrived whenever they propose or tick,
 * so nothing is scheduled per transaction. The submission is reported at t, so confirmation latency
 * counts the client latency too. A full pool refuses a transaction, reported as invalid.
 */
final class ClientFeed implements ShardLedger.Clients {
    private final Workload workload;
    private final long latencyMicros;
    private final int shards;
    private final List<TxPool> pools = new ArrayList<>();
    private LedgerObserver observer;
    private long deliveredUntil = Long.MIN_VALUE;

    ClientFeed(Workload workload, long latencyMicros, int shards) {
        this.workload = workload;
        this.latencyMicros = latencyMicros;
        this.shards = shards;
    }

    void attach(List<TxPool> shardPools, LedgerObserver to) {
        pools.addAll(shardPools);
        observer = to;
    }

    @Override
    public void deliverUntil(long nowMicros) {
        long until = nowMicros - latencyMicros;
        if (until <= deliveredUntil || until < 0) {
            return;
        }
        deliveredUntil = until;
        for (SubmittedTx t : workload.until(until)) {
            observer.onSubmitted(t.atMicros(), t.tx());
            TxPool pool = pools.get(ShardMath.shardOf(t.tx().from(), shards));
            if (pool.add(t.tx()) instanceof TxPool.Admission.Refused r) {
                observer.onInvalid(nowMicros, t.tx().hash(), r.reason());
            }
        }
    }

    double offeredTps() {
        return workload.offeredRate();
    }
}
