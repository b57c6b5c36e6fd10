package org.spindle.protocol.runtime;

/**
 * Where protocol code reports what it did. Handles are looked up once by name and then updated
 * cheaply; the runtime aggregates them over all nodes and reports them sorted by name.
 */
public interface Metrics {
    Counter counter(String name);

    Histogram histogram(String name);

    /** A time series: each point is stamped with the runtime's current time. */
    Series series(String name);

    interface Counter {
        void add(long delta);

        default void increment() {
            add(1);
        }
    }

    interface Histogram {
        void record(long value);
    }

    interface Series {
        void sample(double value);
    }
}
