package org.spindle.protocol.beacon;

/**
 * Where a validator stands in the registry. Only {@link #ACTIVE} validators are assigned to shards
 * and sit on the randomness committee; {@link #STANDBY} ones are staked and waiting (dynamic.md's
 * standby pool); {@link #EXPELLED} and {@link #SLASHED} ones were penalised and take no part until
 * the registry readmits them (it never does automatically).
 */
public enum ValidatorStatus {
    ACTIVE,
    STANDBY,
    EXPELLED,
    SLASHED;

    /** The lower-case name used in genesis files. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
