package org.spindle.protocol.consensus;

/** The verdict of a check: valid, or invalid with a reason a reader can act on. */
public sealed interface Validity {
    Valid VALID = new Valid();

    record Valid() implements Validity {}

    record Invalid(String reason) implements Validity {}

    static Validity invalid(String reason) {
        return new Invalid(reason);
    }

    default boolean isValid() {
        return this instanceof Valid;
    }
}
