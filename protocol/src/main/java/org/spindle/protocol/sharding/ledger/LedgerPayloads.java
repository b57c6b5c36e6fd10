package org.spindle.protocol.sharding.ledger;

import java.util.random.RandomGenerator;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.PayloadRules;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.runtime.NodeContext;

/**
 * Plugs a {@link ShardLedger} into consensus for one member: proposals are ledger blocks built from
 * the pool and the inbox, and a proposal is valid when the ledger accepts it. Executing or checking
 * a block charges {@code itemCpuMicros} per transaction and receipt to the member's core (the
 * signature and state work a real node would do; the simulator shares the result itself).
 */
public record LedgerPayloads(ShardLedger ledger, NodeContext ctx, Bytes proposerKey, long itemCpuMicros)
        implements PayloadRules {

    @Override
    public Payload propose(long height, Hash parent, RandomGenerator random) {
        Payload p = ledger.propose(height, proposerKey, ctx.now());
        ctx.cpu().charge(ledger.itemsIn(p) * itemCpuMicros);
        return p;
    }

    @Override
    public Validity check(long height, Payload payload) {
        Validity v = ledger.check(height, payload);
        if (v.isValid()) {
            ctx.cpu().charge(ledger.itemsIn(payload) * itemCpuMicros);
        }
        return v;
    }
}
