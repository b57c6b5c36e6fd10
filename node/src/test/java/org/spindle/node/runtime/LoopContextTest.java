package org.spindle.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.storage.MemoryStorage;
import org.spindle.node.Await;
import org.spindle.node.LocalNetwork;
import org.spindle.node.discovery.NodeDirectory;
import org.spindle.protocol.gossip.Subscribe;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;
import org.spindle.protocol.runtime.Time;
import org.spindle.protocol.runtime.TimerId;

class LoopContextTest {
    private final ScheduledThreadPoolExecutor loop = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    private LoopContext context(int maxInbound) {
        return new LoopContext(NodeId.of(0), loop, (to, m) -> {}, new SplittableRandom(1),
                new NodeCrypto(Ed25519.INSTANCE.keyPair(LocalNetwork.keySeed(0)), new NodeDirectory(),
                        new NodeMetrics(() -> 0), () -> false),
                new MemoryStorage(), new NodeMetrics(() -> 0), maxInbound, 1 << 20);
    }

    /** Records which thread ran each handler and in which order timers fired. */
    private static final class Recorder implements Protocol {
        final NodeContext ctx;
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();
        final List<Object> fired = new CopyOnWriteArrayList<>();
        final List<Long> firedAt = new CopyOnWriteArrayList<>();
        volatile int messages;
        volatile long startedAt = -1;

        Recorder(NodeContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void onStart() {
            threads.add(Thread.currentThread());
            startedAt = ctx.now();
            ctx.schedule(Time.millis(60), "c");
            ctx.schedule(Time.millis(20), "a");
            TimerId never = ctx.schedule(Time.millis(30), "cancelled");
            ctx.schedule(Time.millis(40), "b");
            ctx.cancel(never);
            ctx.cancel(never); // twice is harmless
        }

        @Override
        public void onMessage(NodeId from, Message m) {
            threads.add(Thread.currentThread());
            messages++; // safe only because every handler runs on the one loop thread
        }

        @Override
        public void onTimer(Object event) {
            threads.add(Thread.currentThread());
            fired.add(event);
            firedAt.add(ctx.now());
        }
    }

    @Test
    void everyHandlerRunsOnTheOneLoopThreadAndTimersFireInDeadlineOrderUnlessCancelled() throws Exception {
        LoopContext ctx = context(100_000);
        Recorder[] holder = new Recorder[1];
        ctx.start(c -> holder[0] = new Recorder(c));
        Await.until(Duration.ofSeconds(5), "the protocol started", () -> holder[0] != null && holder[0].startedAt >= 0);
        Recorder r = holder[0];
        Thread[] senders = new Thread[4];
        for (int t = 0; t < senders.length; t++) {
            senders[t] = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    ctx.deliver(NodeId.of(1), new Subscribe(List.of("t"), false));
                }
            });
            senders[t].start();
        }
        for (Thread t : senders) {
            t.join();
        }
        Await.until(Duration.ofSeconds(5), "all messages and timers were handled",
                () -> r.messages == 2_000 && r.fired.size() == 3);
        assertThat(r.threads).hasSize(1);
        assertThat(r.fired).containsExactly("a", "b", "c");
        assertThat(r.startedAt).isLessThan(Time.seconds(1));
        assertThat(r.firedAt.get(2) - r.startedAt).isGreaterThanOrEqualTo(Time.millis(60));
        assertThat(r.firedAt).isSorted();
    }

    @Test
    void messagesBeyondTheInboundBoundAreDroppedAndCounted() throws Exception {
        LoopContext ctx = context(3);
        ctx.start(c -> new Recorder(c));
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            try {
                release.await(5, TimeUnit.SECONDS); // hold the loop so deliveries queue up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 10; i++) {
            ctx.deliver(NodeId.of(1), new Subscribe(List.of("t"), false));
        }
        release.countDown();
        assertThat(((NodeMetrics) ctx.metrics()).count("node.dropped.inboundFull")).isEqualTo(7);
    }

    @Test
    void aHandlerThatThrowsIsCountedAndTheLoopGoesOn() throws Exception {
        LoopContext ctx = context(100);
        int[] handled = new int[1];
        ctx.start(c -> new Protocol() {
            @Override
            public void onStart() {}

            @Override
            public void onMessage(NodeId from, Message m) {
                handled[0]++;
                if (handled[0] == 1) {
                    throw new IllegalStateException("a protocol bug");
                }
            }

            @Override
            public void onTimer(Object event) {}
        });
        ctx.deliver(NodeId.of(1), new Subscribe(List.of("t"), false));
        ctx.deliver(NodeId.of(1), new Subscribe(List.of("t"), false));
        NodeMetrics m = (NodeMetrics) ctx.metrics();
        Await.until(Duration.ofSeconds(5), "both messages were handled", () -> {
            try {
                return loop.submit(() -> handled[0]).get() == 2;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(m.count("node.handlerErrors")).isEqualTo(1);
    }

    /** Prepares subscriptions on the verifier (renaming their topic), and records where each step ran. */
    private static final class Preparing implements Protocol, OffLoopWork {
        final Set<Thread> preparedOn = ConcurrentHashMap.newKeySet();
        final Set<Thread> handledOn = ConcurrentHashMap.newKeySet();
        final List<String> topics = new CopyOnWriteArrayList<>();

        @Override
        public void onStart() {
            handledOn.add(Thread.currentThread());
        }

        /** Bulk preparations wait for this. */
        final CountDownLatch bulkMayGo;

        Preparing(int bulkHolds) {
            bulkMayGo = new CountDownLatch(bulkHolds);
        }

        @Override
        public boolean wantsPreparation(Message m) {
            return m instanceof Subscribe s && (s.topics().get(0).startsWith("raw") || bulk(m));
        }

        @Override
        public boolean bulk(Message m) {
            return ((Subscribe) m).topics().get(0).startsWith("bulk");
        }

        @Override
        public Message prepare(NodeId from, Message m) {
            preparedOn.add(Thread.currentThread());
            String topic = ((Subscribe) m).topics().get(0);
            if (bulk(m)) {
                try {
                    bulkMayGo.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            // Uneven work, so preparations end out of arrival order.
            java.util.concurrent.locks.LockSupport.parkNanos((topic.hashCode() & 7) * 200_000L);
            return new Subscribe(List.of("prepared-" + ((Subscribe) m).topics().get(0)), false);
        }

        @Override
        public void onMessage(NodeId from, Message m) {
            handledOn.add(Thread.currentThread());
            topics.add(((Subscribe) m).topics().get(0));
        }

        @Override
        public void onTimer(Object event) {}
    }

    private LoopContext started(Preparing p, java.util.concurrent.Executor urgent, java.util.concurrent.Executor bulk)
            throws Exception {
        LoopContext ctx = context(1_000);
        ctx.preparers(urgent, bulk);
        ctx.start(c -> p);
        Await.until(Duration.ofSeconds(5), "started", () -> !p.handledOn.isEmpty());
        return ctx;
    }

    @Test
    void messagesArePreparedOffTheLoopOnSeveralThreadsAndStillArriveInOrder() throws Exception {
        ScheduledThreadPoolExecutor verifiers = new ScheduledThreadPoolExecutor(4);
        try {
            Preparing p = new Preparing(0);
            LoopContext ctx = started(p, verifiers, verifiers);
            List<String> expected = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                // Every fifth message needs no preparation: it must still wait for those before it.
                String topic = i % 5 == 0 ? "direct" + i : "raw" + i;
                ctx.deliver(NodeId.of(1), new Subscribe(List.of(topic), false));
                expected.add(i % 5 == 0 ? topic : "prepared-" + topic);
            }
            Await.until(Duration.ofSeconds(10), "every message handled", () -> p.topics.size() == 200);
            assertThat(p.topics).containsExactlyElementsOf(expected);
            assertThat(p.preparedOn).hasSizeGreaterThan(1).doesNotContainAnyElementsOf(p.handledOn);
            assertThat(p.handledOn).hasSize(1);
        } finally {
            verifiers.shutdownNow();
        }
    }

    @Test
    void aBacklogOfBulkMessagesHoldsUpNothingElseAndBulkKeepsItsOwnOrder() throws Exception {
        ScheduledThreadPoolExecutor urgent = new ScheduledThreadPoolExecutor(2);
        ScheduledThreadPoolExecutor bulk = new ScheduledThreadPoolExecutor(2);
        try {
            Preparing p = new Preparing(1);
            LoopContext ctx = started(p, urgent, bulk);
            for (int i = 0; i < 5; i++) {
                ctx.deliver(NodeId.of(1), new Subscribe(List.of("bulk" + i), false));
            }
            ctx.deliver(NodeId.of(1), new Subscribe(List.of("raw-vote"), false));
            ctx.deliver(NodeId.of(1), new Subscribe(List.of("direct"), false));
            Await.until(Duration.ofSeconds(5), "the later messages overtook the held bulk", () -> p.topics.size() == 2);
            assertThat(p.topics).containsExactly("prepared-raw-vote", "direct");
            p.bulkMayGo.countDown();
            Await.until(Duration.ofSeconds(5), "the bulk arrived", () -> p.topics.size() == 7);
            assertThat(p.topics.subList(2, 7)).containsExactly("prepared-bulk0", "prepared-bulk1", "prepared-bulk2",
                    "prepared-bulk3", "prepared-bulk4");
        } finally {
            urgent.shutdownNow();
            bulk.shutdownNow();
        }
    }
}
