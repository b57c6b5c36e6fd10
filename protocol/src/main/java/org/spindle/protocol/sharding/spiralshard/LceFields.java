package org.spindle.protocol.sharding.spiralshard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.ledger.BlockHeader;

/**
 * The header fields LCE adds (spiralshard.md §4): the latest finalized block of the shard, the
 * predecessor-shard block this block endorses ({@link Hash#ZERO} before any) and the endorsement
 * list, the hashes of the endorsement chain back towards the origin shard: entry i is a block of the
 * shard i+1 steps before this one in ring order, {@code endorsements[0] == endorsed}; at most g
 * entries.
 */
public record LceFields(Hash latestFinalized, Hash endorsed, List<Hash> endorsements) {
    public static final String FINALIZED = "lce.finalized";
    public static final String ENDORSED = "lce.endorsed";
    public static final String LIST = "lce.list";
    /** The largest group any header may describe: bounds the list while decoding. */
    public static final int MAX_GROUP = 256;

    public static final LceFields NONE = new LceFields(Hash.ZERO, Hash.ZERO, List.of());

    public LceFields {
        Objects.requireNonNull(latestFinalized, "latestFinalized");
        Objects.requireNonNull(endorsed, "endorsed");
        endorsements = List.copyOf(endorsements);
        if (endorsements.size() > MAX_GROUP) {
            throw new IllegalArgumentException("endorsement list longer than " + MAX_GROUP);
        }
        if (endorsed.equals(Hash.ZERO) != endorsements.isEmpty()
                || (!endorsements.isEmpty() && !endorsements.getFirst().equals(endorsed))) {
            throw new IllegalArgumentException("the endorsement list must start with the endorsed hash, and be empty"
                    + " exactly when nothing is endorsed");
        }
    }

    /** The fields of a block endorsing {@code predecessor}, whose own fields are {@code of}, in a group of {@code g}. */
    public static LceFields endorsing(Hash latestFinalized, BlockHeader predecessor, LceFields of, int g) {
        List<Hash> list = new ArrayList<>(g);
        list.add(predecessor.hash());
        for (Hash h : of.endorsements()) {
            if (list.size() >= g) {
                break;
            }
            list.add(h);
        }
        return new LceFields(latestFinalized, predecessor.hash(), list);
    }

    /** The same endorsement, with another latest finalized hash. */
    public LceFields withFinalized(Hash f) {
        return new LceFields(f, endorsed, endorsements);
    }

    /** {@code base} with this record's three entries added (replacing any). */
    public SortedMap<String, Bytes> into(SortedMap<String, Bytes> base) {
        TreeMap<String, Bytes> m = new TreeMap<>(base);
        m.put(FINALIZED, latestFinalized.bytes());
        m.put(ENDORSED, endorsed.bytes());
        Encoder e = new Encoder(2 + endorsements.size() * Hash.SIZE);
        e.list(endorsements, Encoder::hash);
        m.put(LIST, e.toBytes());
        return Collections.unmodifiableSortedMap(m);
    }

    /** What reading a header's LCE fields gave. */
    public sealed interface Read {
        record Fields(LceFields fields) implements Read {}

        record Malformed(String why) implements Read {}
    }

    public static Read read(BlockHeader header) {
        Bytes f = header.extensions().get(FINALIZED);
        Bytes e = header.extensions().get(ENDORSED);
        Bytes l = header.extensions().get(LIST);
        if (f == null || e == null || l == null) {
            return new Read.Malformed("header lacks the LCE fields " + FINALIZED + ", " + ENDORSED + ", " + LIST);
        }
        if (f.size() != Hash.SIZE || e.size() != Hash.SIZE) {
            return new Read.Malformed("LCE hashes must be " + Hash.SIZE + " bytes");
        }
        try {
            Decoder d = new Decoder(l);
            List<Hash> list = d.list(MAX_GROUP, Decoder::hash);
            d.end();
            return new Read.Fields(new LceFields(new Hash(f), new Hash(e), list));
        } catch (CodecException | IllegalArgumentException x) {
            return new Read.Malformed("bad endorsement list: " + x.getMessage());
        }
    }

    /** The fields of a header a caller has checked already; throws if they are malformed. */
    public static LceFields of(BlockHeader header) {
        return switch (read(header)) {
            case Read.Fields(LceFields fields) -> fields;
            case Read.Malformed(String why) -> throw new IllegalArgumentException(why);
        };
    }
}
