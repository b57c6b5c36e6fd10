package org.spindle.protocol.beacon;

/** The outcome of asking the registry for a change: the new snapshot, or why nothing changed. */
public sealed interface RegistryChange {
    record Applied(RegistrySnapshot snapshot) implements RegistryChange {}

    record Rejected(String reason) implements RegistryChange {}
}
