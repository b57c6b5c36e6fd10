package org.spindle.node.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VerifierPoolTest {
    @Test
    void urgentWorkRunsWhileBulkWorkIsBacklogged() throws Exception {
        try (VerifierPool pool = new VerifierPool("test-verify", 1)) {
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 3; i++) {
                pool.bulk().execute(() -> await(release)); // the bulk thread is busy and more wait behind
            }
            CountDownLatch urgentRan = new CountDownLatch(1);
            pool.urgent().execute(urgentRan::countDown);
            assertThat(urgentRan.await(5, TimeUnit.SECONDS)).isTrue();
            release.countDown();
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
