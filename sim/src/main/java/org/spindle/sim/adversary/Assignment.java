package org.spindle.sim.adversary;

/** One node's behaviour and its parameters (times in microseconds). */
public record Assignment(Behaviour behaviour, long atMicros, long delayMicros) {
    public static final Assignment HONEST = new Assignment(Behaviour.HONEST, 0, 0);

    public Assignment {
        if (atMicros < 0 || delayMicros < 0) {
            throw new IllegalArgumentException("adversary times must be non-negative");
        }
    }

    public static Assignment of(Behaviour b) {
        return new Assignment(b, 0, b == Behaviour.DELAYED ? 300_000 : 0);
    }
}
