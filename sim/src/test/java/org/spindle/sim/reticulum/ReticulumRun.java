package org.spindle.sim.reticulum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.protocol.beacon.Membership;
import org.spindle.protocol.beacon.RegistrySnapshot;
import org.spindle.protocol.beacon.ReticulumMembership;
import org.spindle.protocol.beacon.Validator;
import org.spindle.protocol.beacon.ValidatorRegistry;
import org.spindle.protocol.beacon.ValidatorStatus;
import org.spindle.protocol.consensus.syncvote.VoteChain;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Time;
import org.spindle.protocol.sharding.reticulum.ControlBlock;
import org.spindle.protocol.sharding.reticulum.ControlShard;
import org.spindle.protocol.sharding.reticulum.Expulsion;
import org.spindle.protocol.sharding.reticulum.Offence;
import org.spindle.protocol.sharding.reticulum.ProcessBlocks;
import org.spindle.protocol.sharding.reticulum.ReticulumListener;
import org.spindle.protocol.sharding.reticulum.ReticulumMessage;
import org.spindle.protocol.sharding.reticulum.ReticulumNode;
import org.spindle.protocol.sharding.reticulum.ReticulumParams;
import org.spindle.protocol.sharding.reticulum.NodeConduct;
import org.spindle.sim.LatencyModel;
import org.spindle.sim.NetworkConfig;
import org.spindle.sim.SimConfig;
import org.spindle.sim.Simulation;
import org.spindle.sim.adversary.ForwardingContext;

/**
 * A small Reticulum run: N = 16, Np = 4, Nc = 8 (4 process shards in 2 control shards), Δ = 100 ms
 * with latency at most 60 ms, T1 = 0.7 s, λ = 0.6 s, τ = 8, votes broadcast with {@link
 * org.spindle.protocol.consensus.syncvote.Broadcast#BB}, the scenario default (the process votes decide
 * 0.5 s into the epoch in the good case, 0.6 s in the bad case; T2 is at least 0.7 s, the control
 * vote's bad case plus Δ). Adversaries are chosen per test.
 */
final class ReticulumRun {
    static final int N = 16;
    static final int TAU = 8;
    static final org.spindle.protocol.consensus.syncvote.Broadcast BROADCAST =
            org.spindle.protocol.consensus.syncvote.Broadcast.BB;
    static final ReticulumParams PARAMS = new ReticulumParams(4, 8, Time.millis(700), Time.millis(600), TAU);
    static final NetworkConfig NETWORK = new NetworkConfig(50 * NetworkConfig.MBPS, 50 * NetworkConfig.MBPS,
            new LatencyModel.Uniform(Time.millis(5), Time.millis(60)));

    /** What honest nodes reported: per (control shard, epoch), each honest node's accepted epoch. */
    final Map<String, Map<NodeId, ControlShard.Accepted>> accepted = new TreeMap<>();
    final ValidatorRegistry registry;
    final Membership membership;
    final Set<NodeId> adversaries;
    final List<ReticulumNode> honestNodes = new ArrayList<>();
    int rejectedAttempts;
    /** Members' verdicts given in the broadcast's bad case ({@code syncvote.bb.fallback}). */
    long fallbacks;

    ReticulumRun(long seed, List<NodeId> adversaries, AttackStrategy attack, long epochs) {
        this(seed, adversaries, attack, epochs, false);
    }

    /** With {@code forge}, adversaries leading the control vote propose a block expelling an honest node. */
    ReticulumRun(long seed, List<NodeId> adversaries, AttackStrategy attack, long epochs, boolean forge) {
        this(seed, adversaries, attack, epochs, forge, null);
    }

    /** {@code faultyAt}: in that epoch adversaries lead with a faulty process block and approve anything. */
    ReticulumRun(long seed, List<NodeId> adversaries, AttackStrategy attack, long epochs, boolean forge,
            Long faultyAt) {
        this(seed, adversaries, attack, epochs, forge, faultyAt, false);
    }

    /**
     * With {@code selectiveVotes}, adversaries send their own process votes to one control member only:
     * a Byzantine voter that puts the broadcast in its bad case (that member echoes the vote and
     * relays it, so every honest member holds a signed, echoed vote without certificate).
     */
    ReticulumRun(long seed, List<NodeId> adversaries, AttackStrategy attack, long epochs, boolean forge,
            Long faultyAt, boolean selectiveVotes) {
        List<NodeId> ids = new ArrayList<>();
        List<Validator> vs = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            ids.add(NodeId.of(i));
            byte[] key = new byte[32];
            key[0] = (byte) i;
            vs.add(new Validator(NodeId.of(i), Bytes.wrap(key), 100, ValidatorStatus.ACTIVE));
        }
        this.registry = new ValidatorRegistry(RegistrySnapshot.genesis(vs));
        this.membership = new ReticulumMembership(4, 8).assign(Hashing.sha256(Bytes.wrap(new byte[] {(byte) seed,
                (byte) (seed >>> 8)})), ids, 0);
        this.adversaries = new TreeSet<>(adversaries);
        Map<NodeId, NodeConduct> policies = new java.util.HashMap<>(attack.policies(membership, adversaries, TAU, seed));
        if (forge) {
            for (NodeId a : adversaries) {
                NodeConduct silent = policies.getOrDefault(a, NodeConduct.HONEST);
                policies.put(a, new NodeConduct() {
                    @Override
                    public boolean silentAt(long epoch) {
                        return silent.silentAt(epoch);
                    }

                    @Override
                    public ControlBlock controlBlock(ControlBlock honest) {
                        NodeId victim = membership.shards().get(0).getFirst();
                        List<Expulsion> framed = new ArrayList<>(honest.expulsions());
                        framed.add(new Expulsion(victim, 0, Offence.SILENT_TWICE,
                                Expulsion.silenceEvidence(victim, 0, honest.epoch())));
                        return new ControlBlock(honest.epoch(), honest.controlShard(), honest.attempt(),
                                honest.leader(), honest.entries(), framed);
                    }
                });
            }
        }
        if (faultyAt != null) {
            ProcessBlocks honestBlocks = new ProcessBlocks.Synthetic(64, 1024);
            for (NodeId a : adversaries) {
                NodeConduct silent = policies.getOrDefault(a, NodeConduct.HONEST);
                policies.put(a, new NodeConduct() {
                    @Override
                    public boolean silentAt(long epoch) {
                        return silent.silentAt(epoch);
                    }

                    @Override
                    public org.spindle.protocol.consensus.Payload processBlock(long epoch,
                            org.spindle.protocol.consensus.Payload honest) {
                        // A block on a made-up state: an overspend, as far as the shard can tell.
                        return epoch == faultyAt ? honestBlocks.propose(0, epoch, Hash.ZERO, a, 0) : honest;
                    }

                    @Override
                    public boolean approvesAnything(long epoch) {
                        return epoch == faultyAt;
                    }
                });
            }
        }
        ProcessBlocks blocks = new ProcessBlocks.Synthetic(64, 1024);
        ReticulumListener listener = new ReticulumListener() {
            @Override
            public void epochAccepted(NodeId node, int controlShard, ControlShard.Accepted a, long start, long end) {
                if (!ReticulumRun.this.adversaries.contains(node)) {
                    accepted.computeIfAbsent(key(controlShard, a.block().epoch()), k -> new TreeMap<>()).put(node, a);
                }
            }

            @Override
            public void controlRejected(NodeId node, int controlShard, long epoch, int attempt, long now) {
                rejectedAttempts++;
            }
        };
        ReticulumNode.Timing timing = new ReticulumNode.Timing(Time.millis(100), Time.millis(10), epochs, BROADCAST);
        Simulation sim = new Simulation(SimConfig.of(N, seed).withNetwork(NETWORK), real -> {
            NodeContext ctx = selectiveVotes && this.adversaries.contains(real.self()) ? new ForwardingContext(real) {
                @Override
                public void multicast(java.util.Collection<NodeId> to, Message m) {
                    if (m instanceof ReticulumMessage.Routed r && r.inner() instanceof VoteChain c
                            && c.voter().equals(self()) && c.relays().isEmpty() && !to.isEmpty()) {
                        real.send(to.iterator().next(), m);
                        return;
                    }
                    real.multicast(to, m);
                }
            } : real;
            ReticulumNode node = new ReticulumNode(ctx, PARAMS, timing, membership, blocks, registry,
                    policies.getOrDefault(ctx.self(), NodeConduct.HONEST), listener,
                    s -> Hashing.sha256(Bytes.wrap(new byte[] {s.byteValue()})));
            if (!this.adversaries.contains(ctx.self())) {
                honestNodes.add(node);
            }
            return node;
        });
        sim.run(Time.seconds(3 * epochs), null);
        fallbacks = sim.metrics().counterValue("syncvote.bb.fallback");
    }

    static String key(int controlShard, long epoch) {
        return String.format("%d/%06d", controlShard, epoch);
    }

    /** Nodes the beacon registry recorded as expelled. */
    Set<NodeId> expelled() {
        Set<NodeId> out = new TreeSet<>();
        registry.pending().penalties().forEach(p -> out.add(p.validator()));
        return out;
    }

    List<NodeId> processShard(int s) {
        return membership.shards().get(s);
    }

    Hash anyState(int controlShard, int processShard) {
        return honestNodes.stream().filter(n -> n.controlShard().index() == controlShard).findFirst().orElseThrow()
                .controlShard().stateOf(processShard);
    }
}
