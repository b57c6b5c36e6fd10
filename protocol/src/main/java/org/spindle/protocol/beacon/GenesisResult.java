package org.spindle.protocol.beacon;

/** A parsed genesis, or the field that made it unacceptable and why. */
public sealed interface GenesisResult {
    record Parsed(Genesis genesis) implements GenesisResult {}

    /** @param field the path of the offending field, e.g. {@code validators[2].stake} */
    record Rejected(String field, String reason) implements GenesisResult {
        public String message() {
            return field + ": " + reason;
        }
    }
}
