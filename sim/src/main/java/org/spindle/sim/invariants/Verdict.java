package org.spindle.sim.invariants;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An invariant's outcome for a run: {@code ok}, or the first violation seen (and how many there were). */
public sealed interface Verdict {
    record Ok() implements Verdict {}

    /**
     * The first violation: when (µs), where ({@code shard}, {@code height}; -1 when not about one
     * block), the ids involved (block hashes, receipt ids, transaction hashes) and what was wrong.
     */
    record Violation(long atMicros, int shard, long height, List<String> ids, String message, long count)
            implements Verdict {
        public Violation {
            Objects.requireNonNull(message, "message");
            ids = List.copyOf(ids);
        }

        Violation counted(long n) {
            return new Violation(atMicros, shard, height, ids, message, n);
        }
    }

    Verdict OK = new Ok();

    default boolean ok() {
        return this instanceof Ok;
    }

    /** {@code "ok"}, or the violation as a map, for the JSON summary. */
    default Object summary() {
        return switch (this) {
            case Ok o -> "ok";
            case Violation v -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("violation", v.message());
                m.put("atMicros", v.atMicros());
                m.put("shard", v.shard());
                m.put("height", v.height());
                m.put("ids", v.ids());
                m.put("violations", v.count());
                yield m;
            }
        };
    }
}
