package org.spindle.node.ledger;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.crypto.Secp256k1;
import org.spindle.core.crypto.SignatureScheme;
import org.spindle.protocol.beacon.Genesis;
import org.spindle.protocol.beacon.MembershipConfig;
import org.spindle.protocol.beacon.ProtocolParameters;
import org.spindle.protocol.beacon.ShardCount;
import org.spindle.protocol.beacon.Validator;
import org.spindle.protocol.beacon.ValidatorStatus;
import org.spindle.protocol.runtime.NodeId;

/**
 * A local network described by a few numbers and a seed: every node's Ed25519 key, every funded
 * account's secp256k1 key and the genesis derive from them, so each node rebuilds the same genesis
 * from its config file and no genesis file has to be shipped. The keys are public by construction:
 * this is for devnets only.
 *
 * @param chainId the EIP-155 chain id transactions must sign for
 * @param shards number of shards
 * @param nodesPerShard validators per shard, at least 2 (the beacon assigns them to shards at random, evenly)
 * @param accounts funded accounts
 * @param seed the text every key derives from
 * @param baseTimeoutMs BFT's first view timeout
 * @param maxTxPerBlock transactions per block at most
 */
public record DevnetSpec(long chainId, int shards, int nodesPerShard, int accounts, String seed, long baseTimeoutMs,
        int maxTxPerBlock) {
    /** Each funded account starts with a million ether, in wei. */
    public static final BigInteger FUNDING = BigInteger.TEN.pow(24);

    public DevnetSpec {
        if (nodesPerShard == 1) {
            // A one-member BFT decides inside its own proposal, recursively, and stalls: not supported.
            throw new IllegalArgumentException("a shard needs at least 2 nodes, got 1 per shard");
        }
        if (chainId <= 0 || shards < 1 || shards > 64 || nodesPerShard < 1 || nodesPerShard > 64 || accounts < 0
                || accounts > 100_000 || baseTimeoutMs < 1 || maxTxPerBlock < 1 || maxTxPerBlock > 10_000) {
            throw new IllegalArgumentException("devnet parameters out of range: " + shards + " shards, "
                    + nodesPerShard + " nodes per shard, " + accounts + " accounts, " + maxTxPerBlock + " tx per block");
        }
    }

    public int nodes() {
        return shards * nodesPerShard;
    }

    /** The 32-byte seed of node {@code index}'s Ed25519 validator key. */
    public Bytes nodeKeySeed(int index) {
        return derive("node/" + index);
    }

    public SignatureScheme.KeyPair nodeKeys(int index) {
        return Ed25519.INSTANCE.keyPair(nodeKeySeed(index));
    }

    /** The secp256k1 key pair of funded account {@code j}. */
    public SignatureScheme.KeyPair accountKeys(int j) {
        return Secp256k1.INSTANCE.keyPair(derive("account/" + j));
    }

    public Address account(int j) {
        return Secp256k1.address(accountKeys(j).publicKey());
    }

    public Genesis genesis() {
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < nodes(); i++) {
            validators.add(new Validator(NodeId.of(i), nodeKeys(i).publicKey().bytes(), 1, ValidatorStatus.ACTIVE));
        }
        TreeMap<Address, BigInteger> funded = new TreeMap<>();
        for (int j = 0; j < accounts; j++) {
            funded.put(account(j), FUNDING);
        }
        return new Genesis(chainId, validators, funded, new ProtocolParameters(
                new MembershipConfig.Baseline(new ShardCount.Fixed(shards)), Long.MAX_VALUE / 4, 0.0,
                Math.min(nodes(), 16)));
    }

    private Bytes derive(String what) {
        return Hashing.keccak256(("spindle/devnet/" + seed + "/" + what).getBytes(StandardCharsets.UTF_8)).bytes();
    }
}
