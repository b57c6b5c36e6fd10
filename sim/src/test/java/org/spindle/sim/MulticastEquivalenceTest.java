package org.spindle.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;

/**
 * A multicast is queued as one engine entry, and each downlink keeps one entry for all the messages
 * it holds; neither may change a run. A chatty protocol that floods with {@code multicast} must
 * produce the very deliveries, in the same order and at the same times, and the same trace hash as
 * the same protocol sending one message per receiver.
 */
class MulticastEquivalenceTest {
    private static final long MS = 1_000;

    @Property(tries = 12)
    void aMulticastRunsExactlyAsOneSendPerReceiver(@ForAll @IntRange(min = 0, max = 1_000) int seed,
            @ForAll boolean randomLatency) {
        Run grouped = run(seed, randomLatency, true);
        Run separate = run(seed, randomLatency, false);
        assertThat(grouped.deliveries()).isGreaterThan(100);
        assertThat(grouped.log()).isEqualTo(separate.log());
        assertThat(grouped.traceHash()).isEqualTo(separate.traceHash());
        assertThat(grouped.events()).isEqualTo(separate.events());
    }

    private record Run(List<String> log, String traceHash, long events, long deliveries) {}

    private static Run run(int seed, boolean randomLatency, boolean multicast) {
        int nodes = 9;
        LatencyModel latency = randomLatency ? new LatencyModel.Uniform(1 * MS, 30 * MS) : new LatencyModel.Fixed(10 * MS);
        SimConfig config = SimConfig.of(nodes, seed).withCpu(new CpuCosts(40, 40, 0, 15))
                .withNetwork(new NetworkConfig(20 * NetworkConfig.MBPS, 10 * NetworkConfig.MBPS, latency));
        Scripted.World w = new Scripted.World();
        Simulation sim = new Simulation(config, w.factory(new Scripted.Script() {
            @Override
            public void start(NodeContext ctx) {
                flood(ctx, new Blob(ctx.self().index(), 200 + 97 * ctx.self().index()));
                ctx.schedule(3 * MS, "again");
            }

            @Override
            public void timer(NodeContext ctx, Object event) {
                flood(ctx, new Blob(1_000 + ctx.self().index(), 64));
            }

            @Override
            public void message(NodeContext ctx, NodeId from, Message m) {
                Blob b = (Blob) m;
                ctx.cpu().charge(ctx.random().nextInt(300));
                if (b.id() < 3_000 && ctx.random().nextInt(4) == 0) {
                    flood(ctx, new Blob(b.id() + 1_000, 5 + ctx.random().nextInt(4_000)));
                }
            }

            private void flood(NodeContext ctx, Message m) {
                List<NodeId> to = new ArrayList<>();
                for (int i = nodes - 1; i >= 0; i--) {
                    if (i != ctx.self().index()) {
                        to.add(NodeId.of(i));
                    }
                }
                if (multicast) {
                    ctx.multicast(to, m);
                } else {
                    to.forEach(n -> ctx.send(n, m));
                }
            }
        }));
        sim.at(40 * MS, new Fault.Crash(List.of(4)));
        sim.at(90 * MS, new Fault.Restart(List.of(4)));
        sim.run(400 * MS, null);
        List<String> log = w.log.stream().map(d -> d.at() + " " + d.to() + "<" + d.from() + " " + d.m()).toList();
        return new Run(log, sim.traceHash(), sim.events(), sim.deliveries());
    }
}
