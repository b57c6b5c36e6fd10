package org.spindle.sim;

/** Told every few thousand events how far a run has got, e.g. to draw a progress bar. */
@FunctionalInterface
public interface ProgressListener {
    void progress(long simulatedMicros, long events);
}
