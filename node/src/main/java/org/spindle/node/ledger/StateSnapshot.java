package org.spindle.node.ledger;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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

/**
 * A shard's whole state at a final block: the certified header, every account and every consumed
 * receipt, in a canonical order. It is what a node serves (cut into {@link StateChunks}) and what it
 * keeps in storage after installing a peer's state, so a restart starts from it.
 */
public record StateSnapshot(BlockHeader header, List<Map.Entry<Address, Account>> accounts, List<ReceiptId> consumed) {
    /** Items a stored snapshot may hold: far beyond any devnet, but a bound on what a corrupt file can ask for. */
    static final int MAX_STORED_ITEMS = 100_000_000;

    public StateSnapshot {
        accounts = List.copyOf(accounts);
        consumed = List.copyOf(consumed);
    }

    /** The snapshot of {@code accounts} and {@code consumed}, in a canonical order. */
    public static StateSnapshot of(BlockHeader header, Map<Address, Account> accounts, Set<ReceiptId> consumed) {
        List<Map.Entry<Address, Account>> list = accounts.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue()))
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Address::toHex))).toList();
        return new StateSnapshot(header, list, consumed.stream().sorted().toList());
    }

    public Map<Address, Account> accountMap() {
        Map<Address, Account> m = new HashMap<>();
        accounts.forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    public Set<ReceiptId> consumedSet() {
        return new HashSet<>(consumed);
    }

    public int items() {
        return accounts.size() + consumed.size();
    }

    Bytes encode() {
        Encoder e = new Encoder(1024);
        BlockHeader.CODEC.write(e, header);
        writeAccounts(e, accounts);
        e.list(consumed, ReceiptId.CODEC::write);
        return e.toBytes();
    }

    static StateSnapshot decode(Bytes b) {
        Decoder d = new Decoder(b);
        StateSnapshot sn = new StateSnapshot(BlockHeader.CODEC.read(d), readAccounts(d, MAX_STORED_ITEMS),
                d.list(MAX_STORED_ITEMS, ReceiptId.CODEC::read));
        d.end();
        return sn;
    }

    static void writeAccounts(Encoder out, List<Map.Entry<Address, Account>> accounts) {
        out.list(accounts, (e, a) -> {
            e.address(a.getKey());
            Account.CODEC.write(e, a.getValue());
        });
    }

    static List<Map.Entry<Address, Account>> readAccounts(Decoder in, int max) {
        return in.list(max, x -> Map.entry(x.address(), Account.CODEC.read(x)));
    }
}
