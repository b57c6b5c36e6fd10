/**
 * The sharded ledger a sharding protocol runs on: a {@link org.spindle.protocol.sharding.ledger.ShardLedger}
 * per shard (state, pool, receipt inbox and relay, proposal bodies), the
 * {@link org.spindle.protocol.sharding.ledger.LedgerPayloads} that make ledger blocks the payloads
 * of intra-shard consensus, the {@link org.spindle.protocol.sharding.ledger.ConsensusProof} a
 * committed header carries so other shards can check it, and the
 * {@link org.spindle.protocol.sharding.ledger.ShardValidator} protocol that ties one validator's
 * consensus to its cross-shard duties. Relayed headers are judged by the active
 * {@link org.spindle.protocol.sharding.ShardingProtocol}'s header fields and finality rule; the
 * ledger itself releases a block's receipts when the block is committed, which is right for the
 * baseline (final on commit) and is what a protocol with later finality must change.
 */
package org.spindle.protocol.sharding.ledger;
