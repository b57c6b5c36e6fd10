package org.spindle.protocol.crosshard;

/** Whether a source header is final under the active sharding protocol, and if not, why. */
public sealed interface FinalityCheck {
    record Final() implements FinalityCheck {}

    record NotFinal(String reason) implements FinalityCheck {}

    FinalityCheck FINAL = new Final();

    default boolean isFinal() {
        return this instanceof Final;
    }
}
