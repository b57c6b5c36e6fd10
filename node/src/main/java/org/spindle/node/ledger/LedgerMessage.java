package org.spindle.node.ledger;

import java.util.List;
import java.util.Map;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.ledger.TransactionCodec;
import org.spindle.core.merkle.SubtreeRoots;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.MessageCodec;

/**
 * What shard validators on real nodes send each other besides consensus and cross-shard messages:
 * proposed bodies, forwarded client transactions, final blocks and state snapshots for a node
 * catching up. In the simulator one ledger serves a whole shard and none of this is needed.
 */
public sealed interface LedgerMessage extends Message {
    int MAX_FORWARD = 4096;
    int MAX_BATCH = 32;
    /** Final blocks are sent in batches of at most this many bytes (one block may exceed it alone). */
    int BATCH_BYTES = 4 << 20;
    int MAX_SIZE = 24 << 20;
    /** Accounts plus consumed receipts one state chunk may carry (about 5 MB, well inside one frame). */
    int MAX_CHUNK_ITEMS = 65_536;

    /** The body of the block a leader proposes, sent to the shard's members just before its proposal. */
    record Body(WireBlock block) implements LedgerMessage {
        @Override
        public int typeTag() {
            return 1;
        }

        @Override
        public void encodeBody(Encoder out) {
            block.write(out);
        }

        @Override
        public int encodedSize() {
            return 1 + block.encodedSize();
        }
    }

    /** Client transactions (raw signed bytes) passed on to the members of the sender's shard. */
    record Forward(List<Bytes> rawTransactions) implements LedgerMessage {
        public Forward {
            rawTransactions = List.copyOf(rawTransactions);
            if (rawTransactions.size() > MAX_FORWARD) {
                throw new IllegalArgumentException("at most " + MAX_FORWARD + " transactions per forward");
            }
        }

        @Override
        public int typeTag() {
            return 2;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.list(rawTransactions, Encoder::bytes);
        }

        @Override
        public int encodedSize() {
            Encoder e = new Encoder(64);
            encodeBody(e);
            return 1 + e.size();
        }
    }

    /** Asks a member of the same shard for the final blocks from {@code fromHeight} on. */
    record Request(long fromHeight) implements LedgerMessage {
        public Request {
            if (fromHeight < 0) {
                throw new IllegalArgumentException("negative height");
            }
        }

        @Override
        public int typeTag() {
            return 3;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.varint(fromHeight);
        }

        @Override
        public int encodedSize() {
            return 1 + Message.varintSize(fromHeight);
        }
    }

    /** Consecutive final blocks with their certificates, answering a {@link Request}. */
    record FinalBlocks(List<WireBlock> blocks) implements LedgerMessage {
        public FinalBlocks {
            blocks = List.copyOf(blocks);
            if (blocks.size() > MAX_BATCH) {
                throw new IllegalArgumentException("at most " + MAX_BATCH + " blocks per batch");
            }
        }

        @Override
        public int typeTag() {
            return 4;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.list(blocks, (e, b) -> b.write(e));
        }

        @Override
        public int encodedSize() {
            Encoder e = new Encoder(1024);
            encodeBody(e);
            return 1 + e.size();
        }
    }

    /**
     * Asks a member of the same shard for part of its state (state sync): with {@code chunk} -1, the
     * manifest of its state at its last final block; otherwise chunk {@code chunk} of the state at
     * {@code height}, which it answers with a fresh manifest if it no longer serves that height.
     */
    record SnapshotRequest(long height, int chunk) implements LedgerMessage {
        public static final SnapshotRequest MANIFEST = new SnapshotRequest(0, -1);

        public SnapshotRequest {
            if (height < 0 || chunk < -1 || chunk >= 1 << StateChunks.MAX_DEPTH) {
                throw new IllegalArgumentException("no chunk " + chunk + " at height " + height);
            }
        }

        @Override
        public int typeTag() {
            return 5;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.varint(height).varint(chunk + 1L);
        }

        @Override
        public int encodedSize() {
            Encoder e = new Encoder(16);
            encodeBody(e);
            return 1 + e.size();
        }

        static SnapshotRequest read(Decoder d) {
            return new SnapshotRequest(d.varint(), d.varint(1 << StateChunks.MAX_DEPTH, "chunk") - 1);
        }
    }

    /**
     * What a state at a final block is made of: the certified header, and for each of the
     * {@code 2^depth} slices of the state tree its hash and entry count. The receiver checks the
     * certificate against the shard's members and the slices against the header's state root
     * before it asks for any chunk.
     */
    record SnapshotManifest(BlockHeader header, int depth, List<SubtreeRoots.Slice> slices) implements LedgerMessage {
        public SnapshotManifest {
            slices = List.copyOf(slices);
            if (depth < 0 || depth > StateChunks.MAX_DEPTH || slices.size() != 1 << depth) {
                throw new IllegalArgumentException("a manifest of depth " + depth + " (at most " + StateChunks.MAX_DEPTH
                        + ") lists 2^depth slices, got " + slices.size());
            }
        }

        @Override
        public int typeTag() {
            return 6;
        }

        @Override
        public void encodeBody(Encoder out) {
            BlockHeader.CODEC.write(out, header);
            out.u8(depth);
            out.list(slices, (e, s) -> e.hash(s.hash()).varint(s.count()));
        }

        @Override
        public int encodedSize() {
            Encoder e = new Encoder(1024);
            encodeBody(e);
            return 1 + e.size();
        }

        static SnapshotManifest read(Decoder d) {
            BlockHeader h = BlockHeader.CODEC.read(d);
            int depth = d.u8();
            List<SubtreeRoots.Slice> slices = d.list(1 << StateChunks.MAX_DEPTH,
                    x -> new SubtreeRoots.Slice(x.hash(), x.varint(MAX_CHUNK_ITEMS, "slice count")));
            return new SnapshotManifest(h, depth, slices);
        }
    }

    /** The accounts and consumed receipts of one slice of the state at {@code height}. */
    record SnapshotChunk(long height, int index, List<Map.Entry<Address, Account>> accounts, List<ReceiptId> consumed)
            implements LedgerMessage {
        public SnapshotChunk {
            accounts = List.copyOf(accounts);
            consumed = List.copyOf(consumed);
            if (height < 0 || index < 0 || accounts.size() + consumed.size() > MAX_CHUNK_ITEMS) {
                throw new IllegalArgumentException("chunk " + index + " at height " + height + " with "
                        + (accounts.size() + consumed.size()) + " items (at most " + MAX_CHUNK_ITEMS + ")");
            }
        }

        @Override
        public int typeTag() {
            return 7;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.varint(height).varint(index);
            StateSnapshot.writeAccounts(out, accounts);
            out.list(consumed, ReceiptId.CODEC::write);
        }

        @Override
        public int encodedSize() {
            Encoder e = new Encoder(1024);
            encodeBody(e);
            return 1 + e.size();
        }

        static SnapshotChunk read(Decoder d) {
            return new SnapshotChunk(d.varint(), d.varint(1 << StateChunks.MAX_DEPTH, "chunk"),
                    StateSnapshot.readAccounts(d, MAX_CHUNK_ITEMS), d.list(MAX_CHUNK_ITEMS, ReceiptId.CODEC::read));
        }
    }

    MessageCodec<LedgerMessage> CODEC = MessageCodec.<LedgerMessage>builder("ledger", MAX_SIZE)
            .type(1, d -> new Body(WireBlock.read(d)))
            .type(2, d -> new Forward(d.list(MAX_FORWARD, x -> x.bytes(TransactionCodec.MAX_RAW))))
            .type(3, d -> new Request(d.varint()))
            .type(4, d -> new FinalBlocks(d.list(MAX_BATCH, WireBlock::read)))
            .type(5, SnapshotRequest::read)
            .type(6, SnapshotManifest::read)
            .type(7, SnapshotChunk::read)
            .build();
}
