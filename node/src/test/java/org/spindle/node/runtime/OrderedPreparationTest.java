package org.spindle.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.spindle.node.Await;

class OrderedPreparationTest {
    private final List<String> handedOn = new CopyOnWriteArrayList<>();
    private final List<String> dropped = new CopyOnWriteArrayList<>();

    @Test
    void laterItemsWaitForEarlierWorkAndTheOrderHoldsWhateverOrderWorkEndsIn() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            OrderedPreparation<String> p = new OrderedPreparation<>(pool, handedOn::add, dropped::add);
            CountDownLatch slow = new CountDownLatch(1);
            p.prepare("a", s -> {
                await(slow);
                return s + "!";
            });
            CountDownLatch bWorked = new CountDownLatch(1);
            p.prepare("b", s -> {
                bWorked.countDown();
                return s + "!";
            });
            p.pass("c");
            assertThat(bWorked.await(5, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50); // b's result is in: it and c still wait for a
            assertThat(handedOn).isEmpty();
            assertThat(p.waiting()).isEqualTo(3);
            slow.countDown();
            Await.until(Duration.ofSeconds(5), "all handed on", () -> handedOn.size() == 3);
            assertThat(handedOn).containsExactly("a!", "b!", "c");
            p.pass("d"); // nothing pending: at once, on this thread
            assertThat(handedOn).endsWith("d");
            assertThat(p.waiting()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void workThatThrowsHandsTheItemOnUnpreparedAndARefusingPoolDropsInOrder() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r);
            t.setUncaughtExceptionHandler((th, e) -> { }); // the test's own exception
            return t;
        });
        OrderedPreparation<String> p = new OrderedPreparation<>(pool, handedOn::add, dropped::add);
        p.prepare("x", s -> {
            throw new IllegalStateException("bad work");
        });
        p.pass("y");
        Await.until(Duration.ofSeconds(5), "both handed on", () -> handedOn.size() == 2);
        assertThat(handedOn).containsExactly("x", "y");

        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        p.prepare("z", s -> s + "!");
        p.pass("after");
        assertThat(dropped).containsExactly("z");
        assertThat(handedOn).containsExactly("x", "y", "after");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
