package org.spindle.core.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Hash;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.ReceiptId;

/**
 * Where things live in the state tree, and what their leaves commit to. Accounts and consumed
 * receipts share one {@link org.spindle.core.merkle.SparseMerkleTree}; their keys are hashed with
 * different tags so the two key spaces cannot collide:
 * <ul>
 *   <li>account key {@code sha256(0x00 || address)}, value hash {@code sha256(Account encoding)};
 *   <li>consumed receipt key {@code sha256(0x01 || receiptId)}, value hash
 *       {@code sha256("spindle/consumed")}.
 * </ul>
 */
public final class StateKeys {
    public static final Hash CONSUMED = Hashing.sha256("spindle/consumed".getBytes(StandardCharsets.US_ASCII));

    private StateKeys() {}

    public static Hash accountKey(Address address) {
        return tagged(0x00, address.bytes().unsafeArray());
    }

    public static Hash receiptKey(ReceiptId id) {
        return tagged(0x01, id.hash().bytes().unsafeArray());
    }

    public static Hash accountValueHash(Account account) {
        return Hashing.sha256(Account.CODEC.encode(account));
    }

    static Hash accountValueHash(MessageDigest md, Account account) {
        return Hash.wrap(md.digest(Account.CODEC.encode(account).unsafeArray()));
    }

    private static Hash tagged(int tag, byte[] body) {
        MessageDigest md = Hashing.sha256Digest();
        md.update((byte) tag);
        md.update(body);
        return Hash.wrap(md.digest());
    }
}
