package org.spindle.protocol.crosshard;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.IncomingReceipt;
import org.spindle.core.ledger.Receipt;
import org.spindle.core.merkle.MerkleProof;
import org.spindle.core.merkle.SmtProof;
import org.spindle.core.state.ReceiptProof;
import org.spindle.protocol.runtime.Message;

/**
 * Exact encoded sizes of the core types cross-shard messages carry, computed without encoding:
 * the simulator asks a message's size on every hop. Each must equal the length of the core codec's
 * encoding (tested by property).
 */
public final class WireSizes {
    private WireSizes() {}

    public static int varint(long v) {
        return Message.varintSize(v);
    }

    static int bytes(Bytes b) {
        return varint(b.size()) + b.size();
    }

    static int uint256(BigInteger v) {
        return 1 + (v.bitLength() + 7) / 8;
    }

    public static int header(BlockHeader h) {
        int n = Hash.SIZE + varint(h.height()) + varint(h.shard()) + varint(h.epoch()) + 4 * Hash.SIZE
                + bytes(h.proposerKey()) + Address.SIZE + varint(h.extensions().size());
        for (Map.Entry<String, Bytes> e : h.extensions().entrySet()) {
            int k = e.getKey().getBytes(StandardCharsets.US_ASCII).length;
            n += varint(k) + k + bytes(e.getValue());
        }
        return n + bytes(h.certificate());
    }

    static int receipt(Receipt r) {
        return Hash.SIZE + varint(r.sourceShard()) + varint(r.destinationShard()) + varint(r.sourceHeight())
                + varint(r.index()) + 2 * Address.SIZE + uint256(r.value());
    }

    static int merkleProof(MerkleProof p) {
        return varint(p.index()) + varint(p.count()) + varint(p.siblings().size()) + p.siblings().size() * Hash.SIZE;
    }

    static int incoming(IncomingReceipt r) {
        return receipt(r.receipt()) + Hash.SIZE + merkleProof(r.proof());
    }

    static int smtProof(SmtProof p) {
        return varint(p.siblings().size()) + p.siblings().size() * Hash.SIZE + 1
                + (p.terminal().isPresent() ? 2 * Hash.SIZE : 0);
    }

    static int receiptProof(ReceiptProof p) {
        return Hash.SIZE + 1 + smtProof(p.proof());
    }
}
