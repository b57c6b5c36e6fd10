package org.spindle.protocol.sharding.spiralshard;

import java.util.List;
import java.util.Optional;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.consensus.Validity;

/**
 * The cross-shard endorsement phase of LCE (spiralshard.md §4, phase 2) for one group: what a
 * voter checks in a proposal's endorsement, and which predecessor block a leader endorses.
 *
 * <p>Voters check (a) the endorsed block extends the predecessor fork the parent block endorsed
 * (unless the predecessor has since finalized a block conflicting with that fork, which discards
 * it: then the new endorsement must extend the predecessor's finalized block), (c) exactly one fork:
 * the list is precisely the endorsed header's chain of endorsements, one block per shard in ring
 * order, and the endorsed header itself was admitted with a valid certificate. The leader's "longest
 * fork seen" (b) is not checked: views differ under partial synchrony.
 */
public final class EndorsementRules {
    private final EndorsementGroups groups;

    public EndorsementRules(EndorsementGroups groups) {
        this.groups = groups;
    }

    public EndorsementGroups groups() {
        return groups;
    }

    /**
     * Whether a block of {@code shard} whose parent carries {@code parent} may carry {@code proposed};
     * {@code book} holds the certified headers received from the group, {@code predecessorFinalized}
     * is the predecessor's latest finalized block this shard knows of ({@link Hash#ZERO}: none).
     */
    public Validity check(int shard, LceFields proposed, LceFields parent, HeaderBook book, Hash predecessorFinalized) {
        int g = groups.length(shard);
        if (g == 1) {
            return proposed.endorsed().isZero() ? Validity.VALID
                    : Validity.invalid("shard " + shard + " is alone in its group and endorses nothing");
        }
        if (proposed.endorsed().isZero()) {
            return parent.endorsed().isZero() ? Validity.VALID
                    : Validity.invalid("endorses nothing although its parent endorsed " + parent.endorsed().toHex());
        }
        int pred = groups.predecessor(shard);
        Optional<BlockHeader> endorsed = book.get(proposed.endorsed());
        if (endorsed.isEmpty()) {
            return Validity.invalid("endorses block " + proposed.endorsed().toHex() + ", whose header this shard has "
                    + "not received with a valid certificate");
        }
        BlockHeader y = endorsed.get();
        if (y.shard() != pred) {
            return Validity.invalid("endorses a block of shard " + y.shard() + "; shard " + shard + " endorses shard "
                    + pred);
        }
        Hash base = base(parent.endorsed(), book, predecessorFinalized);
        switch (book.relation(y.hash(), base)) {
            case CONFLICTS -> {
                return Validity.invalid("endorsement conflicts with the fork of shard " + pred
                        + " its parent endorsed (" + base.toHex() + "): rule (a)");
            }
            case UNKNOWN -> {
                return Validity.invalid("cannot link the endorsed block to the one its parent endorsed ("
                        + base.toHex() + ") through known headers");
            }
            case EXTENDS -> { }
        }
        List<Hash> expected = LceFields.endorsing(proposed.latestFinalized(), y, LceFields.of(y), g).endorsements();
        return checkList(shard, proposed.endorsements(), expected, book, g);
    }

    private Validity checkList(int shard, List<Hash> list, List<Hash> expected, HeaderBook book, int g) {
        if (list.size() > g) {
            return Validity.invalid("endorsement list has " + list.size() + " entries, a group of " + g + " allows "
                    + g);
        }
        for (int i = 0; i < Math.max(list.size(), expected.size()); i++) {
            if (i >= list.size()) {
                return Validity.invalid("endorsement list stops after " + i + " entries; the endorsed chain has "
                        + expected.size());
            }
            if (i >= expected.size()) {
                return Validity.invalid("endorsement list has " + list.size() + " entries; the endorsed chain has only "
                        + expected.size());
            }
            Hash got = list.get(i);
            if (got.equals(expected.get(i))) {
                continue;
            }
            int wantShard = groups.predecessor(shard, i + 1);
            Optional<BlockHeader> h = book.get(got);
            if (h.isPresent() && h.get().shard() != wantShard) {
                return Validity.invalid("endorsement list skips a shard: entry " + i + " is a block of shard "
                        + h.get().shard() + " where shard " + wantShard + " comes in ring order");
            }
            if (h.isPresent()) {
                return Validity.invalid("endorsement list endorses two forks of shard " + wantShard + ": entry " + i
                        + " is " + got.toHex() + ", the endorsed chain has " + expected.get(i).toHex());
            }
            return Validity.invalid("endorsement list entry " + i + " (" + got.toHex()
                    + ") is not on the endorsed header's chain");
        }
        return Validity.VALID;
    }

    /** The predecessor fork a new endorsement must extend: the parent's, unless the predecessor discarded it. */
    private static Hash base(Hash parentEndorsed, HeaderBook book, Hash predecessorFinalized) {
        if (!predecessorFinalized.isZero()
                && book.relation(parentEndorsed, predecessorFinalized) == HeaderBook.Relation.CONFLICTS
                && book.relation(predecessorFinalized, parentEndorsed) == HeaderBook.Relation.CONFLICTS) {
            return predecessorFinalized;
        }
        return parentEndorsed;
    }

    /**
     * The leader's choice for a block of {@code shard} whose parent carries {@code parent}: among
     * the predecessor's certified blocks that pass rule (a) and do not conflict with its finalized
     * block, the highest (the longest fork seen), the latest received among equals. Empty when there
     * is none newer than what the parent endorsed (the block then repeats the parent's endorsement).
     * A {@code forking} leader (an adversary) prefers a block on another branch than the honest
     * choice when one passes rule (a), to spread forks across the group.
     */
    public Optional<BlockHeader> choose(int shard, LceFields parent, HeaderBook book, Hash predecessorFinalized,
            boolean forking) {
        if (groups.length(shard) == 1) {
            return Optional.empty();
        }
        int pred = groups.predecessor(shard);
        Hash base = base(parent.endorsed(), book, predecessorFinalized);
        BlockHeader best = null;
        List<BlockHeader> candidates = book.ofShard(pred);
        for (BlockHeader c : candidates) {
            if (book.relation(c.hash(), base) != HeaderBook.Relation.EXTENDS) {
                continue;
            }
            if (!predecessorFinalized.isZero()
                    && book.relation(c.hash(), predecessorFinalized) == HeaderBook.Relation.CONFLICTS
                    && book.relation(predecessorFinalized, c.hash()) == HeaderBook.Relation.CONFLICTS) {
                continue;
            }
            if (best == null || c.height() >= best.height()) {
                best = c;
            }
        }
        if (forking && best != null) {
            BlockHeader other = null;
            for (BlockHeader c : candidates) {
                if (book.relation(c.hash(), base) == HeaderBook.Relation.EXTENDS
                        && book.relation(c.hash(), best.hash()) == HeaderBook.Relation.CONFLICTS
                        && book.relation(best.hash(), c.hash()) == HeaderBook.Relation.CONFLICTS
                        && (other == null || c.height() >= other.height())) {
                    other = c;
                }
            }
            if (other != null) {
                best = other;
            }
        }
        if (best == null || best.hash().equals(parent.endorsed())) {
            return Optional.empty();
        }
        return Optional.of(best);
    }
}
