/**
 * The sharded ledger a sharding protocol runs on: a {@link org.spindle.protocol.sharding.ledger.ShardLedger}
 * per shard (state, pool, receipt inbox and relay, proposal bodies), the
 * {@link org.spindle.protocol.sharding.ledger.LedgerPayloads} that make ledger blocks the payloads
 * of intra-shard consensus, the {@link org.spindle.protocol.sharding.ledger.ConsensusProof} a
 * committed header carries so other shards can check it, and the
 * {@link org.spindle.protocol.sharding.ledger.ShardValidator} protocol that ties one validator's
 * consensus to its cross-shard duties. The baseline uses it as is (final on commit); protocols with
 * another finality rule plug theirs in through {@link org.spindle.protocol.sharding.ShardingProtocol}.
 */
package org.spindle.protocol.sharding.ledger;
