package org.spindle.sim.sweep;

/** A sweep that cannot be planned or run; the message names the argument or file at fault. */
public final class SweepException extends Exception {
    public SweepException(String message) {
        super(message);
    }

    public SweepException(String message, Throwable cause) {
        super(message, cause);
    }
}
