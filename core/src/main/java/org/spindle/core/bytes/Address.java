package org.spindle.core.bytes;

import java.util.Locale;

/** A 20-byte Ethereum-compatible account address. */
public record Address(Bytes bytes) implements Comparable<Address> {
    public static final int SIZE = 20;
    public static final Address ZERO = new Address(Bytes.wrap(new byte[SIZE]));

    public Address {
        if (bytes.size() != SIZE) {
            throw new IllegalArgumentException("an address has " + SIZE + " bytes, got " + bytes.size());
        }
    }

    public static Address wrap(byte[] raw) {
        return new Address(Bytes.wrap(raw));
    }

    /** Parses {@code 0x}-prefixed or bare hex, any letter case (checksums are not enforced). */
    public static Address fromHex(String hex) {
        return new Address(Bytes.fromHex(hex.toLowerCase(Locale.ROOT)));
    }

    public String toHex() {
        return bytes.toHex();
    }

    @Override
    public int compareTo(Address o) {
        return bytes.compareTo(o.bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
