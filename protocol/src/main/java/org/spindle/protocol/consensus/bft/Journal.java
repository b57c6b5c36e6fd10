package org.spindle.protocol.consensus.bft;

import java.util.Optional;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.storage.Storage;
import org.spindle.protocol.consensus.Payload;

/**
 * What a BFT node persists, and when: before every vote or proposal it sends and at every decision,
 * so a restarted node neither votes twice in a view nor forgets its lock. The lock's block is kept
 * in compact form (its bulk bytes are filler, so only their count is stored).
 *
 * @param preparedView the latest view of {@code height} this node sent a prepare vote in (−1: none)
 * @param committedView the latest view it sent a commit vote in
 * @param proposedView the latest view it proposed in
 */
record Journal(long height, Hash head, int view, int preparedView, int committedView, int proposedView,
        Optional<QuorumCertificate> lock, Optional<Block> lockBlock) {
    static final Bytes KEY = Bytes.wrap("bft/state".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    static Journal fresh() {
        return new Journal(0, Block.GENESIS_PARENT, 0, -1, -1, -1, Optional.empty(), Optional.empty());
    }

    static Journal load(Storage storage) {
        return storage.get(KEY).map(Journal::decode).orElseGet(Journal::fresh);
    }

    void save(Storage storage) {
        Encoder e = new Encoder(256);
        e.varint(height).hash(head).varint(view).i32(preparedView).i32(committedView).i32(proposedView);
        BftMessage.writeOptional(e, lock, (o, q) -> q.encode(o));
        BftMessage.writeOptional(e, lockBlock, (o, b) -> o.varint(b.height()).hash(b.parent())
                .bytes(b.payload().content()).varint(b.payload().bulkBytes()));
        storage.put(KEY, e.toBytes());
    }

    private static Journal decode(Bytes data) {
        Decoder d = new Decoder(data);
        long height = d.varint();
        Hash head = d.hash();
        int view = d.varint(Integer.MAX_VALUE, "view");
        int prepared = d.i32();
        int committed = d.i32();
        int proposed = d.i32();
        Optional<QuorumCertificate> lock = BftMessage.readOptional(d, QuorumCertificate::read);
        Optional<Block> block = BftMessage.readOptional(d, in -> new Block(in.varint(), in.hash(),
                new Payload(in.bytes(Payload.MAX_CONTENT), in.varint(Payload.MAX_BULK, "bulk"))));
        d.end();
        return new Journal(height, head, view, prepared, committed, proposed, lock, block);
    }
}
