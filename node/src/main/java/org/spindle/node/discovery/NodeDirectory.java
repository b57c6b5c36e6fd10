package org.spindle.node.discovery;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.spindle.core.bytes.Bytes;
import org.spindle.node.discovery.RecordVerdict.Reason;
import org.spindle.protocol.runtime.NodeId;

/**
 * The latest valid record of each node, as kept by a bootnode and by every node's peer table. A
 * record is accepted only with a valid signature, a sequence number above the one held, and the key
 * the index was first seen with. Thread-safe: the transport, discovery and protocol threads all read
 * it.
 */
public final class NodeDirectory {
    private final Map<Integer, NodeRecord> byIndex = new ConcurrentHashMap<>();
    private final Map<Bytes, Integer> indexByKey = new ConcurrentHashMap<>();

    public synchronized RecordVerdict offer(NodeRecord r) {
        NodeRecord same = byIndex.get(r.index());
        if (r.equals(same)) {
            // Identical to a record accepted before, signature included: nodes fetch every record
            // every refresh, and checking the same signature again each time is wasted work.
            return new RecordVerdict.Unchanged(same);
        }
        if (!r.signatureValid()) {
            return new RecordVerdict.Rejected(Reason.BAD_SIGNATURE, "record of node " + r.index()
                    + " is not signed by its key");
        }
        NodeRecord held = byIndex.get(r.index());
        if (held != null && !held.publicKey().equals(r.publicKey())) {
            return new RecordVerdict.Rejected(Reason.KEY_MISMATCH, "node " + r.index() + " is bound to key "
                    + held.publicKey().toHex().substring(0, 16) + "…");
        }
        Integer owner = indexByKey.get(r.publicKey());
        if (owner != null && owner != r.index()) {
            return new RecordVerdict.Rejected(Reason.KEY_REUSED, "key already belongs to node " + owner);
        }
        if (held != null && r.sequence() < held.sequence()) {
            return new RecordVerdict.Rejected(Reason.STALE_SEQUENCE, "sequence " + r.sequence()
                    + " is older than the held " + held.sequence());
        }
        if (held != null && r.sequence() == held.sequence()) {
            return r.equals(held) ? new RecordVerdict.Unchanged(held)
                    : new RecordVerdict.Rejected(Reason.STALE_SEQUENCE, "a different record with the held sequence "
                            + held.sequence());
        }
        byIndex.put(r.index(), r);
        indexByKey.put(r.publicKey(), r.index());
        return new RecordVerdict.Accepted(r);
    }

    public Optional<NodeRecord> get(NodeId id) {
        return Optional.ofNullable(byIndex.get(id.index()));
    }

    public Optional<NodeRecord> byKey(Bytes publicKey) {
        Integer i = indexByKey.get(publicKey);
        return i == null ? Optional.empty() : Optional.ofNullable(byIndex.get(i));
    }

    public List<NodeRecord> all() {
        Collection<NodeRecord> v = byIndex.values();
        return v.stream().sorted((a, b) -> Integer.compare(a.index(), b.index())).toList();
    }

    public int size() {
        return byIndex.size();
    }
}
