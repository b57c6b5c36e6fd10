package org.spindle.protocol.sharding.ledger;

import java.util.Optional;
import java.util.function.LongFunction;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.bft.BftConfig;
import org.spindle.protocol.crosshard.FinalityCheck;
import org.spindle.protocol.crosshard.FinalityVerifier;
import org.spindle.protocol.crosshard.KnownFinalHeaders;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.sharding.FinalityRule;
import org.spindle.protocol.sharding.ShardingProtocol;

/**
 * Judges another shard's header the way the active {@link ShardingProtocol} says: its header
 * fields must fit the epoch's membership, and its certificate must be a commit by a quorum of
 * that shard's members (from the beacon's assignment); the protocol's {@link FinalityRule} then
 * decides (the baseline: committed means final). Headers found final are remembered (bounded), so
 * the signatures of a header relayed many times are checked once per node.
 */
public final class CommitteeFinality implements FinalityVerifier {
    private final ShardingProtocol protocol;
    private final LongFunction<Optional<Membership>> byEpoch;
    private final Crypto crypto;
    private final KnownFinalHeaders verified;

    /** Judges every header against one membership (a run without reconfiguration). */
    public CommitteeFinality(ShardingProtocol protocol, Membership membership, Crypto crypto, int memory) {
        this(protocol, epoch -> Optional.of(membership), crypto, memory);
    }

    /**
     * Judges a header against the membership of the epoch it names: a block stays final under the
     * committee that certified it, whatever the shards look like when its receipts arrive.
     *
     * @param byEpoch the beacon's membership of an epoch, empty for an epoch it does not know
     */
    public CommitteeFinality(ShardingProtocol protocol, LongFunction<Optional<Membership>> byEpoch, Crypto crypto,
            int memory) {
        this.protocol = protocol;
        this.byEpoch = byEpoch;
        this.crypto = crypto;
        this.verified = new KnownFinalHeaders(memory);
    }

    @Override
    public FinalityCheck check(BlockHeader header) {
        if (verified.check(header).isFinal()) {
            return FinalityCheck.FINAL;
        }
        Optional<Membership> known = byEpoch.apply(header.epoch());
        if (known.isEmpty()) {
            return new FinalityCheck.NotFinal("epoch " + header.epoch() + " is unknown to the beacon");
        }
        Membership membership = known.get();
        if (header.shard() >= membership.shardCount()) {
            return new FinalityCheck.NotFinal("shard " + header.shard() + " does not exist");
        }
        var fields = protocol.headerFields().check(header, membership);
        if (fields.isPresent()) {
            return new FinalityCheck.NotFinal(fields.get());
        }
        var members = membership.members(header.shard());
        Validity v = ConsensusProof.verify(header, members, members.size() - BftConfig.faults(members.size()), crypto);
        var verdict = protocol.finality().decide(new FinalityRule.Observation(header, v.isValid(), 0, false));
        if (verdict instanceof FinalityRule.Verdict.Pending p) {
            return new FinalityCheck.NotFinal(v instanceof Validity.Invalid(String why) ? why : p.waitingFor());
        }
        verified.markFinal(header);
        return FinalityCheck.FINAL;
    }
}
