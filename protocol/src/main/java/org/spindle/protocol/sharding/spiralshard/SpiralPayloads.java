package org.spindle.protocol.sharding.spiralshard;

import java.util.random.RandomGenerator;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.protocol.consensus.Payload;
import org.spindle.protocol.consensus.PayloadRules;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.runtime.NodeContext;

/**
 * Plugs a {@link SpiralLedger} into a member's consensus: proposals are ledger blocks on the
 * member's consensus head with the leader's endorsement choice, checks are LCE's voter checks.
 * {@code forking} marks an adversary's rules: its proposals endorse another predecessor branch
 * when one passes the checks. Charges {@code itemCpuMicros} per transaction and receipt handled.
 */
public record SpiralPayloads(SpiralLedger ledger, NodeContext ctx, Bytes proposerKey, long itemCpuMicros,
        boolean forking) implements PayloadRules {

    @Override
    public Payload propose(long height, Hash parent, RandomGenerator random) {
        Payload p = ledger.propose(height, parent, proposerKey, ctx.now(), forking);
        if (p.content().isEmpty()) {
            ctx.metrics().counter("lce.emptyProposal." + (forking ? "adversary." : "honest.") + ledger.emptyReason()
                    + ".shard" + ledger.shard()).increment();
        }
        ctx.cpu().charge(ledger.itemsIn(p) * itemCpuMicros);
        return p;
    }

    @Override
    public Validity check(long height, Payload payload) {
        Validity v = ledger.check(height, payload);
        if (v.isValid()) {
            ctx.cpu().charge(ledger.itemsIn(payload) * itemCpuMicros);
        } else if (v instanceof Validity.Invalid(String why)) {
            ctx.metrics().counter(INVALID_PREFIX + category(why)).increment();
            ctx.metrics().counter("lce.invalidInShard." + ledger.shard()).increment();
        }
        return v;
    }

    /** Prefix of the counters of refused proposals, one per {@link #category} of reason. */
    public static final String INVALID_PREFIX = "lce.invalid.";

    /**
     * A refusal's reason without its hashes and numbers (the words before the first one), so refusals
     * can be counted by kind.
     */
    public static String category(String why) {
        StringBuilder out = new StringBuilder();
        for (String word : why.split(" ")) {
            if (word.isEmpty() || Character.isDigit(word.charAt(0)) || word.startsWith("(") || word.length() >= 40) {
                break;
            }
            if (!out.isEmpty()) {
                out.append('-');
            }
            out.append(word.replaceAll("[^A-Za-z]", ""));
        }
        return out.isEmpty() ? "other" : out.toString();
    }
}
