package org.spindle.core.bytes;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable sequence of bytes. The array is copied in and out, so a {@code Bytes} can be shared
 * freely between protocol objects and never changes under them.
 */
public final class Bytes implements Comparable<Bytes> {
    public static final Bytes EMPTY = new Bytes(new byte[0]);
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] data;
    private int hash;

    private Bytes(byte[] owned) {
        this.data = owned;
    }

    public static Bytes of(byte... data) {
        return data.length == 0 ? EMPTY : new Bytes(data.clone());
    }

    /** Takes ownership of {@code data}; the caller must not modify it afterwards. */
    public static Bytes wrap(byte[] data) {
        return data.length == 0 ? EMPTY : new Bytes(data);
    }

    /** Parses hex with or without a {@code 0x} prefix. */
    public static Bytes fromHex(String hex) {
        String s = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if ((s.length() & 1) != 0) {
            throw new IllegalArgumentException("hex string has an odd number of digits: " + hex);
        }
        try {
            return wrap(HEX.parseHex(s));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex string: " + hex, e);
        }
    }

    public int size() {
        return data.length;
    }

    public boolean isEmpty() {
        return data.length == 0;
    }

    public byte get(int i) {
        return data[i];
    }

    public byte[] toArray() {
        return data.clone();
    }

    /** The backing array, for hot paths that only read it (hashing, encoding). Never modify it. */
    public byte[] unsafeArray() {
        return data;
    }

    public Bytes slice(int from, int length) {
        return wrap(Arrays.copyOfRange(data, from, from + length));
    }

    public Bytes concat(Bytes other) {
        byte[] out = Arrays.copyOf(data, data.length + other.data.length);
        System.arraycopy(other.data, 0, out, data.length, other.data.length);
        return wrap(out);
    }

    public String toHex() {
        return "0x" + HEX.formatHex(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(data);
            hash = h;
        }
        return h;
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
