package org.spindle.sim.workload;

import java.math.BigInteger;
import java.util.Objects;
import org.spindle.core.bytes.Address;

/** One value transfer a workload wants to make, before it becomes a {@code Transaction}. */
public record Transfer(Address from, Address to, BigInteger value) {
    public Transfer {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("value is not a uint256: " + value);
        }
    }
}
