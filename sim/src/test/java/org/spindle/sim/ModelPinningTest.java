package org.spindle.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.TimerId;

/** Pins the network, CPU and fault models to hand-computed numbers. */
class ModelPinningTest {
    private static final long MS = 1_000;

    private static SimConfig config(int nodes, long upMbps, long downMbps, long latencyMicros) {
        return SimConfig.of(nodes, 1).withCpu(CpuCosts.FREE).withNetwork(new NetworkConfig(
                upMbps * NetworkConfig.MBPS, downMbps * NetworkConfig.MBPS, new LatencyModel.Fixed(latencyMicros)));
    }

    @Test
    void oneMegabyteOverEightMbpsArrivesAfterOneSecondPlusLatency() {
        Scripted.World w = new Scripted.World();
        Simulation sim = new Simulation(config(2, 8, 8, 20 * MS), w.factory(new Scripted.Script() {
            @Override
            public void start(NodeContext ctx) {
                if (ctx.self().index() == 0) {
                    ctx.send(NodeId.of(1), new Blob(1, 1_000_000));
                }
            }
        }));
        sim.run(Long.MAX_VALUE, null);
        assertThat(w.to(1)).singleElement().extracting(Scripted.Delivery::at).isEqualTo(1_000_000L + 20 * MS);
    }

    @Test
    void twoMessagesQueueOnOneUplink() {
        Scripted.World w = new Scripted.World();
        Simulation sim = new Simulation(config(3, 8, 10_000, 10 * MS), w.factory(new Scripted.Script() {
            @Override
            public void start(NodeContext ctx) {
                if (ctx.self().index() == 0) {
                    ctx.send(NodeId.of(1), new Blob(1, 100_000)); // 100 ms on an 8 Mbps uplink
                    ctx.send(NodeId.of(2), new Blob(2, 100_000));
                }
            }
        }));
        sim.run(Long.MAX_VALUE, null);
        assertThat(w.to(1)).singleElement().extracting(Scripted.Delivery::at).isEqualTo(110 * MS);
        assertThat(w.to(2)).singleElement().extracting(Scripted.Delivery::at).isEqualTo(210 * MS);
    }

    @Test
    void twoSendersQueueOnOneDownlink() {
        Scripted.World w = new Scripted.World();
        Simulation sim = new Simulation(config(3, 10_000, 8, 10 * MS), w.factory(new Scripted.Script() {
            @Override
            public void start(NodeContext ctx) {
                if (ctx.self().index() != 2) {
                    ctx.send(NodeId.of(2), new Blob(ctx.self().index(), 100_000));
                }
            }
        }));
        sim.run(Long.MAX_VALUE, null);
        assertThat(w.to(2)).extracting(Scripted.Delivery::at).containsExactly(110 * MS, 210 * MS);
    }

    @Test
    void partitionedLinkDropsAndHealedLinkDelivers() {
        Scripted.World w = new Scripted.World();
        Simulation sim = new Simulation(config(3, 50, 50, 10 * MS), w.factory(new Scripted.Script() {
            @Override
            public void start(NodeContext ctx) {
                if (ctx.self().index() == 0) {
                    ctx.send(NodeId.of(1), new Blob(1, 100));
                    ctx.schedule(2_000 * MS, "again");
                }
                if (ctx.self().index() == 1) {
                    ctx.send(NodeId.of(2), new Blob(2, 100));
                }
            }

            @Override
            public void timer(NodeContext ctx, Object event) {
                ctx.send(NodeId.of(1), new Blob(3, 100));
            }
        }));
        sim.at(0, new Fault.Partition(List.of(List.of(0), List.of(1, 2))));
        sim.at(1_000 * MS, new Fault.Heal());
        sim.run(Long.MAX_VALUE, null);
        assertThat(w.to(2)).extracting(d -> ((Blob) d.m()).id()).containsExactly(2);
        assertThat(w.to(1)).extracting(d -> ((Blob) d.m()).id()).containsExactly(3);
        assertThat(sim.metrics().counterValue("net.droppedPartition")).isEqualTo(1);
    }

    @Test
    void cutLinkDropsOnlyThatLink() {
        Scripted.World w = new Scripted.World();
        Simulation sim = new Simulation(config(3, 50, 50, 10 * MS), w.factory(new Scripted.Script() {
            @Override
            public void start(NodeContext ctx) {
                if (ctx.self().index() == 0) {
                    ctx.send(NodeId.of(1), new Blob(1, 100));
                    ctx.send(NodeId.of(2), new Blob(2, 100));
                }
            }
        }));
        sim.at(0, new Fault.Cut(List.of(List.of(1, 0))));
        sim.run(Long.MAX_VALUE, null);
        assertThat(w.to(1)).isEmpty();
        assertThat(w.to(2)).hasSize(1);
    }

    @Test
    void crashedNodeReceivesNothingUntilRestartAndKeepsStorageButLosesMemory() {
        Scripted.World w = new Scripted.World();
        Bytes key = Bytes.wrap("starts".getBytes(StandardCharsets.UTF_8));
        long[] startsSeenByNode1 = new long[4];
        int[] startCount = {0};
        List<Long> node1Timers = new java.util.ArrayList<>();
        Simulation sim = new Simulation(config(2, 50, 50, 10 * MS), w.factory(new Scripted.Script() {
            @Override
            public void start(NodeContext ctx) {
                if (ctx.self().index() == 0) {
                    ctx.schedule(100 * MS, "tick");
                } else {
                    long starts = ctx.storage().get(key).map(b -> (long) b.get(0)).orElse(0L) + 1;
                    ctx.storage().put(key, Bytes.of((byte) starts));
                    startsSeenByNode1[startCount[0]++] = starts;
                    ctx.schedule(5_000 * MS, "lost with the crash");
                }
            }

            @Override
            public void timer(NodeContext ctx, Object event) {
                if (ctx.self().index() == 1) {
                    node1Timers.add(ctx.now());
                    return;
                }
                ctx.send(NodeId.of(1), new Blob((int) (ctx.now() / MS), 100));
                if (ctx.now() < 900 * MS) {
                    ctx.schedule(100 * MS, "tick");
                }
            }
        }));
        sim.at(250 * MS, new Fault.Crash(List.of(1)));
        sim.at(650 * MS, new Fault.Restart(List.of(1)));
        sim.run(Long.MAX_VALUE, null);

        List<Scripted.Delivery> got = w.to(1);
        assertThat(got).extracting(d -> ((Blob) d.m()).id()).containsExactly(100, 200, 700, 800, 900);
        assertThat(got).noneMatch(d -> d.at() >= 250 * MS && d.at() <= 650 * MS);
        // Two protocol objects for node 1: memory does not survive the crash; storage does.
        assertThat(got.subList(0, 2)).extracting(Scripted.Delivery::instance).containsOnly(got.get(0).instance());
        assertThat(got.get(2).instance()).isNotEqualTo(got.get(0).instance());
        assertThat(startsSeenByNode1).startsWith(1L, 2L);
        // The first incarnation's timer (due at 5 s) died with it; only the restarted one's fires.
        assertThat(node1Timers).containsExactly(5_650 * MS);
        assertThat(sim.metrics().counterValue("net.droppedCrashed")).isEqualTo(4);
    }

    @Test
    void cpuChargedWorkDelaysTheNextMessage() {
        Scripted.World w = new Scripted.World();
        long[] sentAt = new long[1];
        Simulation sim = new Simulation(config(3, 10_000, 10_000, 10 * MS), w.factory(new Scripted.Script() {
            @Override
            public void start(NodeContext ctx) {
                if (ctx.self().index() == 0) {
                    ctx.send(NodeId.of(1), new Blob(1, 100));
                    ctx.send(NodeId.of(1), new Blob(2, 100));
                }
            }

            @Override
            public void message(NodeContext ctx, NodeId from, Message m) {
                if (ctx.self().index() == 1 && ((Blob) m).id() == 1) {
                    ctx.cpu().charge(50 * MS);
                    sentAt[0] = ctx.now();
                    ctx.send(NodeId.of(2), new Blob(9, 100));
                }
            }
        }));
        sim.run(Long.MAX_VALUE, null);
        List<Scripted.Delivery> got = w.to(1);
        long first = got.get(0).at();
        assertThat(first).isBetween(10 * MS, 11 * MS);
        assertThat(got.get(1).at()).isEqualTo(first + 50 * MS);
        assertThat(sentAt[0]).isEqualTo(first + 50 * MS);
        assertThat(w.to(2)).singleElement().extracting(Scripted.Delivery::at)
                .satisfies(t -> assertThat(t).isGreaterThanOrEqualTo(first + 60 * MS));
    }

    @Test
    void aBurstToABusyNodeRunsInArrivalOrderOneCoreSlotEachWithoutRequeueingEveryEvent() {
        Scripted.World w = new Scripted.World();
        int burst = 200;
        Simulation sim = new Simulation(config(2, 10_000, 10_000, 10 * MS), w.factory(new Scripted.Script() {
            @Override
            public void start(NodeContext ctx) {
                if (ctx.self().index() == 0) {
                    for (int i = 0; i < burst; i++) {
                        ctx.send(NodeId.of(1), new Blob(i, 100));
                    }
                }
            }

            @Override
            public void message(NodeContext ctx, NodeId from, Message m) {
                ctx.cpu().charge(MS); // each message keeps the core busy for 1 ms
            }
        }));
        sim.run(Long.MAX_VALUE, null);
        List<Scripted.Delivery> got = w.to(1);
        assertThat(got).extracting(d -> ((Blob) d.m()).id()).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, burst).boxed().toList());
        for (int i = 1; i < burst; i++) {
            assertThat(got.get(i).at() - got.get(i - 1).at()).isEqualTo(MS);
        }
        // Arrivals, deliveries, one wake-up per held message and the starts: linear in the burst.
        assertThat(sim.events()).isLessThan(4L * burst + 10);
    }

    @Test
    void signatureChecksAreChargedAtTheCalibratedCost() {
        Scripted.World w = new Scripted.World();
        long[] clock = new long[2];
        SimConfig c = config(2, 50, 50, 10 * MS).withCpu(new CpuCosts(1_000, 0, 0, 0));
        Simulation sim = new Simulation(c, w.factory(new Scripted.Script() {
            @Override
            public void start(NodeContext ctx) {
                if (ctx.self().index() == 0) {
                    Bytes msg = Bytes.of((byte) 1);
                    clock[0] = ctx.now();
                    for (int i = 0; i < 3; i++) {
                        assertThat(ctx.crypto().verify(ctx.self(), msg, ctx.crypto().sign(msg))).isTrue();
                    }
                    clock[1] = ctx.now();
                }
            }
        }));
        sim.run(Long.MAX_VALUE, null);
        assertThat(clock[1] - clock[0]).isEqualTo(3_000);
    }

    @Test
    void cancelledTimerNeverFires() {
        Scripted.World w = new Scripted.World();
        int[] fired = {0};
        Simulation sim = new Simulation(config(1, 50, 50, MS), w.factory(new Scripted.Script() {
            @Override
            public void start(NodeContext ctx) {
                TimerId a = ctx.schedule(10 * MS, "a");
                ctx.schedule(20 * MS, "b");
                ctx.cancel(a);
            }

            @Override
            public void timer(NodeContext ctx, Object event) {
                assertThat(event).isEqualTo("b");
                fired[0]++;
            }
        }));
        sim.run(Long.MAX_VALUE, null);
        assertThat(fired[0]).isEqualTo(1);
        assertThat(sim.pendingTimers()).as("no bookkeeping is left behind").isZero();
    }

    @Test
    void eventsAtTheSameTimeRunInTheOrderTheyWereScheduled() {
        Scripted.World w = new Scripted.World();
        StringBuilder order = new StringBuilder();
        Simulation sim = new Simulation(config(1, 50, 50, MS), w.factory(new Scripted.Script() {
            @Override
            public void start(NodeContext ctx) {
                for (String s : List.of("c", "a", "d", "b")) {
                    ctx.schedule(5 * MS, s);
                }
            }

            @Override
            public void timer(NodeContext ctx, Object event) {
                order.append(event);
            }
        }));
        sim.run(Long.MAX_VALUE, null);
        assertThat(order).hasToString("cadb");
    }
}
