package org.spindle.protocol.beacon;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.ledger.ShardMath;
import org.spindle.core.state.WorldState;
import org.spindle.protocol.runtime.NodeId;

/**
 * The starting point of a chain: its id, the validators (each active or standby), the funded
 * accounts and the protocol parameters. Parse one with {@link GenesisParser}.
 *
 * <p>The constructor re-checks what the parser checks (distinct ids and keys, at least one active
 * validator, positive stakes whose sum fits a long, supply within 256 bits), so a genesis built in
 * code is as sound as a parsed one.
 */
public record Genesis(long chainId, List<Validator> validators, SortedMap<Address, BigInteger> accounts,
                      ProtocolParameters parameters) {
    public Genesis {
        Objects.requireNonNull(parameters, "parameters");
        if (chainId <= 0) {
            throw new IllegalArgumentException("chain id must be positive, got " + chainId);
        }
        List<Validator> sorted = new ArrayList<>(validators);
        sorted.sort((a, b) -> a.id().compareTo(b.id()));
        HashSet<NodeId> ids = new HashSet<>();
        HashSet<Bytes> keys = new HashSet<>();
        long stake = 0;
        int active = 0;
        for (Validator v : sorted) {
            if (!ids.add(v.id()) || !keys.add(v.publicKey())) {
                throw new IllegalArgumentException("validator " + v.id() + " repeats an id or a public key");
            }
            if (v.stake() <= 0) {
                throw new IllegalArgumentException("validator " + v.id() + " needs a positive stake");
            }
            if (v.status() != ValidatorStatus.ACTIVE && v.status() != ValidatorStatus.STANDBY) {
                throw new IllegalArgumentException("a genesis validator is active or standby, " + v.id() + " is " + v.status().label());
            }
            stake = Math.addExact(stake, v.stake());
            active += v.isActive() ? 1 : 0;
        }
        if (active == 0) {
            throw new IllegalArgumentException("genesis needs at least one active validator");
        }
        validators = List.copyOf(sorted);
        BigInteger supply = BigInteger.ZERO;
        for (Map.Entry<Address, BigInteger> e : accounts.entrySet()) {
            if (e.getValue().signum() < 0) {
                throw new IllegalArgumentException("account " + e.getKey() + " has a negative balance");
            }
            supply = supply.add(e.getValue());
        }
        if (supply.bitLength() > 256) {
            throw new IllegalArgumentException("total supply does not fit in 256 bits");
        }
        accounts = Collections.unmodifiableSortedMap(new TreeMap<>(accounts));
    }

    public BigInteger totalSupply() {
        return accounts.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** The epoch-0 registry: every genesis validator with its status, no penalties. */
    public RegistrySnapshot registry() {
        return RegistrySnapshot.genesis(validators);
    }

    /** The state root of all funded accounts held as one shard. */
    public Hash stateRoot() {
        return WorldState.genesis(0, 1, accounts).root();
    }

    /** Each shard's genesis state root when accounts are split over {@code shardCount} shards by {@link ShardMath#shardOf}. */
    public List<Hash> shardStateRoots(int shardCount) {
        List<Map<Address, BigInteger>> perShard = new ArrayList<>();
        for (int s = 0; s < shardCount; s++) {
            perShard.add(new TreeMap<>());
        }
        accounts.forEach((a, b) -> perShard.get(ShardMath.shardOf(a, shardCount)).put(a, b));
        List<Hash> roots = new ArrayList<>(shardCount);
        for (int s = 0; s < shardCount; s++) {
            roots.add(WorldState.genesis(s, shardCount, perShard.get(s)).root());
        }
        return roots;
    }

    /** keccak256 of a canonical encoding of every field, so nodes can check they share a genesis. */
    public Hash hash() {
        Encoder e = RandomnessInput.tagged("spindle/genesis");
        e.i64(chainId);
        e.list(validators, Validator.CODEC::write);
        e.list(accounts.entrySet(), (x, a) -> x.address(a.getKey()).uint256(a.getValue()));
        parameters.encode(e);
        return Hashing.keccak256(e.toArray());
    }

    /** The randomness of epoch 0. */
    public Hash initialRandomness() {
        return RandomnessInput.genesisRandomness(hash());
    }

    /** The membership of epoch 0, from the initial randomness and the active validators. */
    public Membership initialMembership() {
        return parameters.membership().rule().assign(initialRandomness(), registry().active(), 0);
    }
}
