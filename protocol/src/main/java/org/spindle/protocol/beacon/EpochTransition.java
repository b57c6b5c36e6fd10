package org.spindle.protocol.beacon;

import java.util.List;
import org.spindle.core.bytes.Hash;

/** The result of {@link Beacon#advance}: the new epoch, or why the beacon stayed where it was. */
public sealed interface EpochTransition {
    /**
     * @param penalties      the withholding penalties applied at the end of the previous epoch
     * @param reconfiguration the membership change, with its moves and state-sync plan
     */
    record Advanced(long epoch, Hash randomness, RegistrySnapshot registry, Reconfiguration.Result reconfiguration,
                    List<PenaltyRecord> penalties) implements EpochTransition {
        public Advanced {
            penalties = List.copyOf(penalties);
        }

        public Membership membership() {
            return reconfiguration.membership();
        }
    }

    /** Nothing changed. */
    record Halted(String reason) implements EpochTransition {}
}
