package org.spindle.protocol.sharding.baseline;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.beacon.MembershipRule;
import org.spindle.protocol.beacon.ShardCount;
import org.spindle.protocol.beacon.UniformMembership;
import org.spindle.protocol.sharding.FinalityRule;
import org.spindle.protocol.sharding.HeaderFields;
import org.spindle.protocol.sharding.ShardingProtocol;

/**
 * The single-layer baseline (RapidChain / Harmony style): uniform random shards large enough to be
 * honest with negligible failure probability, one BFT per shard, and a block is final as soon as its
 * shard's BFT commits it. Each header carries the hash of the epoch's membership under
 * {@link #MEMBERSHIP_KEY}, so a certificate can be checked against the committee it claims.
 */
public record BaselineSharding(ShardCount shards) implements ShardingProtocol {
    public static final String MEMBERSHIP_KEY = "membership";

    public BaselineSharding {
        Objects.requireNonNull(shards, "shards");
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public MembershipRule membership() {
        return new UniformMembership(shards);
    }

    @Override
    public FinalityRule finality() {
        return seen -> seen.committed()
                ? new FinalityRule.Verdict.Final()
                : new FinalityRule.Verdict.Pending("commit by the shard's BFT");
    }

    @Override
    public HeaderFields headerFields() {
        return new HeaderFields() {
            @Override
            public SortedMap<String, Bytes> fieldsFor(Membership membership, int shard) {
                if (shard < 0 || shard >= membership.shardCount()) {
                    throw new IllegalArgumentException("no shard " + shard + " in this membership");
                }
                TreeMap<String, Bytes> fields = new TreeMap<>();
                fields.put(MEMBERSHIP_KEY, membership.hash().bytes());
                return Collections.unmodifiableSortedMap(fields);
            }

            @Override
            public Optional<String> check(BlockHeader header, Membership membership) {
                if (header.epoch() != membership.epoch()) {
                    return Optional.of("header of epoch " + header.epoch() + " checked against membership of epoch "
                            + membership.epoch());
                }
                if (header.shard() >= membership.shardCount()) {
                    return Optional.of("shard " + header.shard() + " does not exist in epoch " + membership.epoch());
                }
                for (String key : header.extensions().keySet()) {
                    if (!key.equals(MEMBERSHIP_KEY)) {
                        return Optional.of("unexpected header extension " + key);
                    }
                }
                Bytes claimed = header.extensions().get(MEMBERSHIP_KEY);
                if (claimed == null) {
                    return Optional.of("header lacks the " + MEMBERSHIP_KEY + " extension");
                }
                if (!claimed.equals(membership.hash().bytes())) {
                    return Optional.of("header commits to another membership");
                }
                return Optional.empty();
            }
        };
    }
}
