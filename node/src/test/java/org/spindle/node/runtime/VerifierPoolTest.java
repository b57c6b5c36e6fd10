package org.spindle.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VerifierPoolTest {
    @Test
    void waitingUrgentWorkIsTakenBeforeWaitingBulkWorkAndEachClassInOrder() throws Exception {
        try (VerifierPool pool = new VerifierPool("test-verify", 1)) {
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch all = new CountDownLatch(6);
            List<String> ran = new CopyOnWriteArrayList<>();
            pool.bulk().execute(() -> await(busy)); // holds the one thread while the rest queue up
            for (String t : List.of("b1", "b2", "b3")) {
                pool.bulk().execute(() -> {
                    ran.add(t);
                    all.countDown();
                });
            }
            for (String t : List.of("u1", "u2", "u3")) {
                pool.urgent().execute(() -> {
                    ran.add(t);
                    all.countDown();
                });
            }
            busy.countDown();
            assertThat(all.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly("u1", "u2", "u3", "b1", "b2", "b3");
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
