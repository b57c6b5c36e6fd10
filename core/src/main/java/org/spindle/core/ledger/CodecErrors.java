package org.spindle.core.ledger;

import org.spindle.core.codec.CodecException;

/** Turns a record's constructor check into a decoding error, so bad input fails in one way. */
final class CodecErrors {
    private CodecErrors() {}

    static CodecException invalid(String what, IllegalArgumentException e) {
        return new CodecException("invalid " + what + ": " + e.getMessage());
    }
}
