package org.spindle.node;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling, failing with a description after a bound. */
public final class Await {
    private Await() {}

    public static void until(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
