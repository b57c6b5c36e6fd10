package org.spindle.core.codec;

/** An encoding that cannot be decoded: truncated, oversized, or with a value out of its domain. */
public final class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }
}
