package org.spindle.protocol.sharding.reticulum;

/** Why Reticulum expels a node and confiscates its stake (reticulum.md §1.4, expulsion rules). */
public enum Offence {
    /** Led its process shard with a block whose content is faulty. */
    FAULTY_PROPOSAL("proposed a faulty process block"),
    /** Approved a block whose content is faulty. */
    VOTED_FOR_FAULTY("voted for a faulty process block"),
    /** Rejected a process block that the control shard then accepted. */
    REJECTED_ACCEPTED_BLOCK("voted to reject a block the control shard accepted"),
    /** Signed two different votes in one epoch. */
    EQUIVOCATED("signed two different votes in one epoch"),
    /** Stayed silent a second time within τ votes. */
    SILENT_TWICE("stayed silent twice within tau votes");

    private final String reason;

    Offence(String reason) {
        this.reason = reason;
    }

    /** The reason recorded on the beacon registry. */
    public String reason() {
        return reason;
    }
}
