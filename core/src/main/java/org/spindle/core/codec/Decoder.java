package org.spindle.core.codec;

import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;

/**
 * Reads what {@link Encoder} writes. Every read is bounds-checked and every length or count is
 * checked against a caller-given limit before anything is allocated, so a hostile encoding can
 * neither crash the reader nor make it allocate more than the limits allow. Non-canonical
 * encodings (overlong varints, leading zero bytes in integers, bad booleans) are rejected so that
 * one value has one encoding.
 */
public final class Decoder {
    private final byte[] buf;
    private int pos;
    private final int end;

    public Decoder(byte[] data) {
        this(data, 0, data.length);
    }

    public Decoder(byte[] data, int off, int len) {
        if (off < 0 || len < 0 || off + len > data.length) {
            throw new IllegalArgumentException("range outside the array");
        }
        this.buf = data;
        this.pos = off;
        this.end = off + len;
    }

    public Decoder(Bytes data) {
        this(data.unsafeArray());
    }

    public int remaining() {
        return end - pos;
    }

    private void need(int n, String what) {
        if (n > end - pos) {
            throw new CodecException("truncated: " + what + " needs " + n + " bytes, " + (end - pos) + " left");
        }
    }

    public int u8() {
        need(1, "byte");
        return buf[pos++] & 0xFF;
    }

    public boolean bool() {
        int b = u8();
        if (b > 1) {
            throw new CodecException("boolean must be 0 or 1, got " + b);
        }
        return b == 1;
    }

    public int i32() {
        need(4, "int");
        int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
                | (buf[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    public long i64() {
        need(8, "long");
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xFF);
        }
        return v;
    }

    public long varint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = u8();
            if (shift == 63 && (b & 0xFE) != 0) {
                throw new CodecException("varint overflows 63 bits");
            }
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (b == 0 && shift > 0) {
                    throw new CodecException("varint is not minimally encoded");
                }
                if (v < 0) {
                    throw new CodecException("varint overflows a signed long");
                }
                return v;
            }
        }
        throw new CodecException("varint longer than 10 bytes");
    }

    /** A varint that must lie in [0, max]. */
    public int varint(int max, String what) {
        long v = varint();
        if (v > max) {
            throw new CodecException(what + " is " + v + ", above the limit " + max);
        }
        return (int) v;
    }

    public byte[] raw(int n) {
        need(n, "raw bytes");
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** A length-prefixed byte string of at most {@code maxLength} bytes. */
    public Bytes bytes(int maxLength) {
        int n = varint(maxLength, "byte string length");
        return Bytes.wrap(raw(n));
    }

    public Hash hash() {
        return Hash.wrap(raw(Hash.SIZE));
    }

    public Address address() {
        return Address.wrap(raw(Address.SIZE));
    }

    public BigInteger uint256() {
        int n = u8();
        if (n > 32) {
            throw new CodecException("uint256 has " + n + " bytes, at most 32 allowed");
        }
        if (n == 0) {
            return BigInteger.ZERO;
        }
        byte[] mag = raw(n);
        if (mag[0] == 0) {
            throw new CodecException("uint256 has a leading zero byte");
        }
        return new BigInteger(1, mag);
    }

    public String string(int maxBytes) {
        Bytes b = bytes(maxBytes);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(b.unsafeArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CodecException("string is not valid UTF-8");
        }
    }

    public <T> List<T> list(int maxItems, Function<Decoder, T> reader) {
        int n = varint(maxItems, "list length");
        List<T> out = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            out.add(reader.apply(this));
        }
        return List.copyOf(out);
    }

    /** Fails unless every byte was consumed: trailing garbage is an error, not ignored. */
    public void end() {
        if (pos != end) {
            throw new CodecException((end - pos) + " unexpected trailing bytes");
        }
    }
}
