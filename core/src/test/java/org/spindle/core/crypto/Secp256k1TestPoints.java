package org.spindle.core.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;

/** Curve facts the tests of several packages need. */
public final class Secp256k1TestPoints {
    private Secp256k1TestPoints() {}

    /** The smallest x for which x³ + 7 is not a square mod p: no curve point has it as x coordinate. */
    public static BigInteger firstNonXCoordinate() {
        X9ECParameters params = CustomNamedCurves.getByName("secp256k1");
        for (int x = 1; x < 256; x++) {
            byte[] compressed = new byte[33];
            compressed[0] = 0x02;
            compressed[32] = (byte) x;
            try {
                params.getCurve().decodePoint(compressed);
            } catch (IllegalArgumentException notOnCurve) {
                return BigInteger.valueOf(x);
            }
        }
        throw new AssertionError("half of all x are not on the curve; none below 256 is implausible");
    }
}
