package org.spindle.protocol.sharding.spiralshard;

import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.beacon.MembershipRule;
import org.spindle.protocol.beacon.ShardCount;
import org.spindle.protocol.beacon.SpiralShardMembership;
import org.spindle.protocol.sharding.FinalityRule;
import org.spindle.protocol.sharding.HeaderFields;
import org.spindle.protocol.sharding.ShardingProtocol;

/**
 * SpiralShard with Linked Cross-shard Endorsement (spiralshard.md): small shards that may be
 * corrupted, in endorsement groups of {@code groupSize}; a block is final when every other shard
 * of its group has endorsed it in ring order. Headers carry the epoch's membership hash (as the
 * baseline's) and the {@link LceFields}.
 */
public record SpiralShardSharding(int shardCount, int groupSize) implements ShardingProtocol {
    public static final String MEMBERSHIP_KEY = "membership";

    public SpiralShardSharding {
        if (shardCount < 1 || groupSize < 1) {
            throw new IllegalArgumentException("need at least one shard and a group size of at least 1");
        }
    }

    public EndorsementGroups groups() {
        return new EndorsementGroups(shardCount, groupSize);
    }

    @Override
    public String name() {
        return "spiralshard";
    }

    @Override
    public MembershipRule membership() {
        return new SpiralShardMembership(new ShardCount.Fixed(shardCount), groupSize);
    }

    /** Final when committed (prepared) and endorsed by the other g − 1 shards of its group in order. */
    @Override
    public FinalityRule finality() {
        EndorsementGroups groups = groups();
        return seen -> {
            int needed = groups.length(seen.header().shard()) - 1;
            if (!seen.committed()) {
                return new FinalityRule.Verdict.Pending("preparation by the shard's consensus");
            }
            return seen.endorsements() >= needed ? new FinalityRule.Verdict.Final()
                    : new FinalityRule.Verdict.Pending("endorsement by " + (needed - seen.endorsements())
                            + " more shards of its group, in order");
        };
    }

    /** A membership and its hash, remembered by {@link #headerFields()}' instance. */
    private record HashedMembership(Membership membership, Bytes hash) {}

    /**
     * The header fields rule. Each instance remembers the hash of the last membership it saw (a
     * membership is immutable, so the same instance has the same hash): a ledger that keeps one
     * instance hashes its membership, 800 member ids at paper scale, once instead of for every
     * header it checks.
     */
    @Override
    public HeaderFields headerFields() {
        EndorsementGroups groups = groups();
        return new HeaderFields() {
            /** Read and written whole, so an instance shared by threads is still right. */
            private HashedMembership last;

            private Bytes hashOf(Membership membership) {
                HashedMembership l = last;
                if (l == null || l.membership() != membership) {
                    l = new HashedMembership(membership, membership.hash().bytes());
                    last = l;
                }
                return l.hash();
            }

            @Override
            public SortedMap<String, Bytes> fieldsFor(Membership membership, int shard) {
                if (shard < 0 || shard >= membership.shardCount()) {
                    throw new IllegalArgumentException("no shard " + shard + " in this membership");
                }
                TreeMap<String, Bytes> fields = new TreeMap<>();
                fields.put(MEMBERSHIP_KEY, hashOf(membership));
                return LceFields.NONE.into(fields);
            }

            @Override
            public Optional<String> check(BlockHeader header, Membership membership) {
                if (header.epoch() != membership.epoch()) {
                    return Optional.of("header of epoch " + header.epoch() + " checked against membership of epoch "
                            + membership.epoch());
                }
                if (header.shard() < 0 || header.shard() >= membership.shardCount()
                        || membership.shardCount() != shardCount) {
                    return Optional.of("shard " + header.shard() + " does not exist in epoch " + membership.epoch());
                }
                for (String key : header.extensions().keySet()) {
                    if (!key.equals(MEMBERSHIP_KEY) && !key.equals(LceFields.FINALIZED) && !key.equals(LceFields.ENDORSED)
                            && !key.equals(LceFields.LIST)) {
                        return Optional.of("unexpected header extension " + key);
                    }
                }
                Bytes claimed = header.extensions().get(MEMBERSHIP_KEY);
                if (claimed == null || !claimed.equals(hashOf(membership))) {
                    return Optional.of("header does not commit to this epoch's membership");
                }
                return switch (LceFields.read(header)) {
                    case LceFields.Read.Malformed(String why) -> Optional.of(why);
                    case LceFields.Read.Fields(LceFields f) -> f.endorsements().size() > groups.length(header.shard())
                            ? Optional.of("endorsement list of " + f.endorsements().size() + " entries exceeds the group"
                                    + " of " + groups.length(header.shard()))
                            : Optional.empty();
                };
            }
        };
    }
}
