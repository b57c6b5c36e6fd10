package org.spindle.core.codec;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.function.BiConsumer;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;

/**
 * Writes Spindle's deterministic binary encoding: fixed-width big-endian integers, unsigned
 * LEB128 varints for lengths and counters, length-prefixed byte strings. One value has exactly one
 * encoding, so encodings can be hashed and signed.
 */
public final class Encoder {
    private byte[] buf;
    private int pos;

    public Encoder() {
        this(64);
    }

    public Encoder(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (pos + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + extra));
        }
    }

    public Encoder u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public Encoder bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    public Encoder i32(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public Encoder i64(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[pos++] = (byte) (v >>> shift);
        }
        return this;
    }

    /** An unsigned varint (LEB128); {@code v} must be non-negative. */
    public Encoder varint(long v) {
        if (v < 0) {
            throw new IllegalArgumentException("varint must be non-negative: " + v);
        }
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
        return this;
    }

    public Encoder raw(byte[] data) {
        return raw(data, 0, data.length);
    }

    public Encoder raw(byte[] data, int off, int len) {
        ensure(len);
        System.arraycopy(data, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** A length-prefixed byte string. */
    public Encoder bytes(Bytes b) {
        byte[] a = b.unsafeArray();
        varint(a.length);
        return raw(a);
    }

    public Encoder hash(Hash h) {
        return raw(h.bytes().unsafeArray());
    }

    public Encoder address(Address a) {
        return raw(a.bytes().unsafeArray());
    }

    /** A non-negative integer as its minimal big-endian magnitude, length-prefixed (at most 32 bytes). */
    public Encoder uint256(BigInteger v) {
        if (v.signum() < 0 || v.bitLength() > 256) {
            throw new IllegalArgumentException("not a uint256: " + v);
        }
        if (v.signum() == 0) {
            return u8(0);
        }
        byte[] mag = v.toByteArray();
        int skip = mag[0] == 0 ? 1 : 0;
        u8(mag.length - skip);
        return raw(mag, skip, mag.length - skip);
    }

    public Encoder string(String s) {
        return bytes(Bytes.wrap(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    public <T> Encoder list(Collection<T> items, BiConsumer<Encoder, T> writer) {
        varint(items.size());
        for (T item : items) {
            writer.accept(this, item);
        }
        return this;
    }

    public int size() {
        return pos;
    }

    public byte[] toArray() {
        return Arrays.copyOf(buf, pos);
    }

    public Bytes toBytes() {
        return Bytes.wrap(toArray());
    }
}
