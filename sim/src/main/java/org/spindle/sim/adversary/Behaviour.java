package org.spindle.sim.adversary;

import java.util.Locale;

/**
 * What a simulated node does, assignable per node in a scenario ({@code kind:} in YAML, written in
 * kebab case). Everything but {@link #HONEST} is Byzantine except {@link #ALIVE_BUT_CORRUPT}, which
 * SpiralShard counts apart: it tries to break safety but never stalls.
 */
public enum Behaviour {
    HONEST,
    /** Honest until {@code atMs}, then stops sending and handling anything. */
    CRASH,
    /** Receives everything, sends nothing, from the start. */
    SILENT,
    /** Honest, but everything it sends leaves {@code delayMs} late. */
    DELAYED,
    /** When leading a view, proposes two different valid blocks to two halves of the members and votes each way. */
    EQUIVOCATING_LEADER,
    /** Each vote it casts goes to half the members; the other half get a vote for a different block. */
    DOUBLE_VOTING,
    /** When leading, proposes blocks whose payload is invalid. */
    INVALID_PROPOSAL,
    /** Votes prepare and commit for every proposal it sees, conflicting ones included; equivocates when leading. */
    ALIVE_BUT_CORRUPT;

    public static Behaviour parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean honest() {
        return this == HONEST;
    }

    /** Whether SpiralShard would count the node as Byzantine (not merely alive-but-corrupt). */
    public boolean byzantine() {
        return this != HONEST && this != ALIVE_BUT_CORRUPT;
    }
}
