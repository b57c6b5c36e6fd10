package org.spindle.core.bytes;

import java.util.Arrays;

/** A 32-byte digest (Keccak-256 or SHA-256). */
public record Hash(Bytes bytes) implements Comparable<Hash> {
    public static final int SIZE = 32;
    public static final Hash ZERO = new Hash(Bytes.wrap(new byte[SIZE]));

    public Hash {
        if (bytes.size() != SIZE) {
            throw new IllegalArgumentException("a hash has " + SIZE + " bytes, got " + bytes.size());
        }
    }

    /** Takes ownership of {@code digest}. */
    public static Hash wrap(byte[] digest) {
        return new Hash(Bytes.wrap(digest));
    }

    public static Hash fromHex(String hex) {
        return new Hash(Bytes.fromHex(hex));
    }

    public byte[] toArray() {
        return bytes.toArray();
    }

    public String toHex() {
        return bytes.toHex();
    }

    /** The first eight bytes as a long, big-endian: a cheap well-mixed key. */
    public long prefixLong() {
        byte[] b = bytes.unsafeArray();
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    public boolean isZero() {
        return Arrays.equals(bytes.unsafeArray(), ZERO.bytes.unsafeArray());
    }

    @Override
    public int compareTo(Hash o) {
        return bytes.compareTo(o.bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
