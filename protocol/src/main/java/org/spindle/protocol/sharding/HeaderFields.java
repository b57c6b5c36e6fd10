package org.spindle.protocol.sharding;

import java.util.Optional;
import java.util.SortedMap;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.protocol.beacon.Membership;

/**
 * The protocol-specific fields a shard block carries in {@link BlockHeader#extensions()}: what a
 * proposer adds, and the check a receiver runs on them.
 */
public interface HeaderFields {
    /** The extension entries a proposer of {@code shard} puts in its block under {@code membership}. */
    SortedMap<String, Bytes> fieldsFor(Membership membership, int shard);

    /** Empty when the header's extensions are what this protocol expects, otherwise why not. */
    Optional<String> check(BlockHeader header, Membership membership);
}
