package org.spindle.protocol.sharding.spiralshard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.consensus.Validity;
import org.spindle.protocol.consensus.bft.BftConfig;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.sharding.ledger.ConsensusProof;

/**
 * The prepared headers of other shards a shard has received, each admitted only with a certificate
 * by a quorum of its shard's members: what voters and leaders reason about forks with (only headers
 * cross shards). Bounded: the oldest headers are forgotten first.
 */
public final class HeaderBook {
    /** How {@code descendant} relates to {@code ancestor} along the parent links this book knows. */
    public enum Relation { EXTENDS, CONFLICTS, UNKNOWN }

    private final int capacity;
    private final LinkedHashMap<Hash, BlockHeader> headers;

    public HeaderBook(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
        this.headers = new LinkedHashMap<>();
    }

    /**
     * Admits {@code header} if its certificate proves a commit by a quorum of its shard's members;
     * otherwise says why not and keeps nothing. A header known already is accepted without a check.
     */
    public Validity offer(BlockHeader header, Membership membership, Crypto crypto) {
        Hash hash = header.hash();
        if (headers.containsKey(hash)) {
            return Validity.VALID;
        }
        if (header.shard() < 0 || header.shard() >= membership.shardCount()) {
            return Validity.invalid("header of shard " + header.shard() + ", which does not exist");
        }
        if (LceFields.read(header) instanceof LceFields.Read.Malformed(String why)) {
            return Validity.invalid(why);
        }
        List<org.spindle.protocol.runtime.NodeId> members = membership.members(header.shard());
        Validity v = ConsensusProof.verify(header, members, members.size() - BftConfig.faults(members.size()), crypto);
        if (v instanceof Validity.Invalid(String why)) {
            return Validity.invalid("header of shard " + header.shard() + " at height " + header.height()
                    + " has no valid certificate: " + why);
        }
        put(header);
        return Validity.VALID;
    }

    /** Admits a header whose certificate the caller produced or checked itself. */
    public void put(BlockHeader header) {
        headers.put(header.hash(), header);
        if (headers.size() > capacity) {
            headers.pollFirstEntry();
        }
    }

    public Optional<BlockHeader> get(Hash hash) {
        return Optional.ofNullable(headers.get(hash));
    }

    public boolean contains(Hash hash) {
        return headers.containsKey(hash);
    }

    public int size() {
        return headers.size();
    }

    /** Known headers of {@code shard}, newest admitted last. */
    public List<BlockHeader> ofShard(int shard) {
        List<BlockHeader> out = new ArrayList<>();
        for (BlockHeader h : headers.values()) {
            if (h.shard() == shard) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * Whether the block {@code descendant} is {@code ancestor} or extends it, walking parent links
     * through this book. {@link Hash#ZERO} as the ancestor is the start of every chain.
     */
    public Relation relation(Hash descendant, Hash ancestor) {
        if (ancestor.isZero() || descendant.equals(ancestor)) {
            return Relation.EXTENDS;
        }
        BlockHeader a = headers.get(ancestor);
        BlockHeader d = headers.get(descendant);
        if (a == null || d == null) {
            return Relation.UNKNOWN;
        }
        if (a.shard() != d.shard()) {
            return Relation.CONFLICTS;
        }
        while (d.height() > a.height()) {
            if (d.parentHash().equals(ancestor)) {
                return Relation.EXTENDS;
            }
            d = headers.get(d.parentHash());
            if (d == null) {
                return Relation.UNKNOWN;
            }
        }
        return Relation.CONFLICTS;
    }

    /** For tests and tools: every header this book holds, by hash. */
    public Map<Hash, BlockHeader> view() {
        return java.util.Collections.unmodifiableMap(headers);
    }
}
