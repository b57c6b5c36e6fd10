package org.spindle.node.ledger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spindle.core.bytes.Address;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.ledger.Account;
import org.spindle.core.ledger.BlockHeader;
import org.spindle.core.ledger.ReceiptId;
import org.spindle.core.ledger.TransactionCodec;
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
    /** Accounts plus consumed receipts one snapshot may carry (it must also fit in one frame). */
    int MAX_SNAPSHOT_ITEMS = 200_000;

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

    /** Asks a member of the same shard for its state at its last final block (state sync). */
    record SnapshotRequest() implements LedgerMessage {
        @Override
        public int typeTag() {
            return 5;
        }

        @Override
        public void encodeBody(Encoder out) {
            // no fields: the peer answers with the state at its last final block
        }

        @Override
        public int encodedSize() {
            return 1;
        }
    }

    /**
     * A shard's state at a final block: the certified header and every account and consumed
     * receipt. The receiver checks the certificate against the shard's members and the contents
     * against the header's state root before it uses any of it.
     */
    record Snapshot(BlockHeader header, List<Map.Entry<Address, Account>> accounts, List<ReceiptId> consumed)
            implements LedgerMessage {
        public Snapshot {
            accounts = List.copyOf(accounts);
            consumed = List.copyOf(consumed);
            if (accounts.size() + consumed.size() > MAX_SNAPSHOT_ITEMS) {
                throw new IllegalArgumentException("a snapshot carries at most " + MAX_SNAPSHOT_ITEMS + " items");
            }
        }

        /** The snapshot of {@code accounts} and {@code consumed}, in a canonical order. */
        public static Snapshot of(BlockHeader header, Map<Address, Account> accounts, Set<ReceiptId> consumed) {
            List<Map.Entry<Address, Account>> list = accounts.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue()))
                    .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(Address::toHex))).toList();
            return new Snapshot(header, list, consumed.stream().sorted().toList());
        }

        @Override
        public int typeTag() {
            return 6;
        }

        @Override
        public void encodeBody(Encoder out) {
            BlockHeader.CODEC.write(out, header);
            out.list(accounts, (e, a) -> {
                e.address(a.getKey());
                Account.CODEC.write(e, a.getValue());
            });
            out.list(consumed, ReceiptId.CODEC::write);
        }

        @Override
        public int encodedSize() {
            Encoder e = new Encoder(1024);
            encodeBody(e);
            return 1 + e.size();
        }

        static Snapshot read(Decoder d) {
            BlockHeader h = BlockHeader.CODEC.read(d);
            List<Map.Entry<Address, Account>> accounts = d.list(MAX_SNAPSHOT_ITEMS,
                    x -> Map.entry(x.address(), Account.CODEC.read(x)));
            List<ReceiptId> consumed = d.list(MAX_SNAPSHOT_ITEMS, ReceiptId.CODEC::read);
            return new Snapshot(h, accounts, consumed);
        }
    }

    MessageCodec<LedgerMessage> CODEC = MessageCodec.<LedgerMessage>builder("ledger", MAX_SIZE)
            .type(1, d -> new Body(WireBlock.read(d)))
            .type(2, d -> new Forward(d.list(MAX_FORWARD, x -> x.bytes(TransactionCodec.MAX_RAW))))
            .type(3, d -> new Request(d.varint()))
            .type(4, d -> new FinalBlocks(d.list(MAX_BATCH, WireBlock::read)))
            .type(5, d -> new SnapshotRequest())
            .type(6, Snapshot::read)
            .build();
}
