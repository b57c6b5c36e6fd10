package org.spindle.sim.invariants;

import java.util.LinkedHashMap;
import java.util.Map;

/** The four ledger invariants of a run, each {@code ok} or its first violation. */
public record InvariantReport(Verdict safety, Verdict conservation, Verdict exactlyOnce, Verdict liveness) {
    public boolean allOk() {
        return safety.ok() && conservation.ok() && exactlyOnce.ok() && liveness.ok();
    }

    /** {@code {safety, conservation, exactlyOnce, liveness}} for the JSON summary. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("safety", safety.summary());
        m.put("conservation", conservation.summary());
        m.put("exactlyOnce", exactlyOnce.summary());
        m.put("liveness", liveness.summary());
        return m;
    }
}
