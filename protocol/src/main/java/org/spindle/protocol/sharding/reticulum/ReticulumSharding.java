package org.spindle.protocol.sharding.reticulum;

import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.codec.Encoder;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.beacon.MembershipRule;
import org.spindle.protocol.beacon.ReticulumMembership;
import org.spindle.protocol.sharding.FinalityRule;
import org.spindle.protocol.sharding.HeaderFields;
import org.spindle.protocol.sharding.ShardingProtocol;

/**
 * Reticulum (reticulum.md §1): process shards of Np agree by unanimous synchronous vote, control
 * shards of Nc (made of whole process shards, Algorithm 1) decide the failed blocks by majority, and
 * a process block is final only when the control block covering its epoch is accepted. A process
 * block's header carries the membership hash under {@link #MEMBERSHIP_KEY} and its control shard
 * under {@link #CONTROL_KEY}, so a receiver can tell which control shard must cover it.
 */
public record ReticulumSharding(ReticulumParams params) implements ShardingProtocol {
    public static final String MEMBERSHIP_KEY = "membership";
    public static final String CONTROL_KEY = "control";

    public ReticulumSharding {
        Objects.requireNonNull(params, "params");
    }

    @Override
    public String name() {
        return "reticulum";
    }

    @Override
    public MembershipRule membership() {
        return new ReticulumMembership(params.processShardSize(), params.controlShardSize());
    }

    @Override
    public FinalityRule finality() {
        return seen -> seen.controlAccepted()
                ? new FinalityRule.Verdict.Final()
                : new FinalityRule.Verdict.Pending("acceptance of the control block covering its epoch");
    }

    /** The control shard of {@code processShard} in {@code membership}. */
    public static int controlShardOf(Membership membership, int processShard) {
        return membership.groupings().stream()
                .filter(g -> g.name().equals(ReticulumMembership.CONTROL_SHARDS))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("membership has no control shards"))
                .groupOfShard().get(processShard);
    }

    private static Bytes controlField(int control) {
        return new Encoder(5).varint(control).toBytes();
    }

    @Override
    public HeaderFields headerFields() {
        return new HeaderFields() {
            @Override
            public SortedMap<String, Bytes> fieldsFor(Membership membership, int shard) {
                if (shard < 0 || shard >= membership.shardCount()) {
                    throw new IllegalArgumentException("no process shard " + shard + " in this membership");
                }
                TreeMap<String, Bytes> fields = new TreeMap<>();
                fields.put(MEMBERSHIP_KEY, membership.hash().bytes());
                fields.put(CONTROL_KEY, controlField(controlShardOf(membership, shard)));
                return Collections.unmodifiableSortedMap(fields);
            }

            @Override
            public Optional<String> check(BlockHeader header, Membership membership) {
                if (header.epoch() != membership.epoch()) {
                    return Optional.of("header of epoch " + header.epoch() + " checked against membership of epoch "
                            + membership.epoch());
                }
                if (header.shard() >= membership.shardCount()) {
                    return Optional.of("process shard " + header.shard() + " does not exist in epoch "
                            + membership.epoch());
                }
                for (String key : header.extensions().keySet()) {
                    if (!key.equals(MEMBERSHIP_KEY) && !key.equals(CONTROL_KEY)) {
                        return Optional.of("unexpected header extension " + key);
                    }
                }
                Bytes claimed = header.extensions().get(MEMBERSHIP_KEY);
                if (claimed == null || !claimed.equals(membership.hash().bytes())) {
                    return Optional.of("header does not commit to this epoch's membership");
                }
                Bytes control = header.extensions().get(CONTROL_KEY);
                if (control == null || !control.equals(controlField(controlShardOf(membership, header.shard())))) {
                    return Optional.of("header names the wrong control shard for process shard " + header.shard());
                }
                return Optional.empty();
            }
        };
    }
}
