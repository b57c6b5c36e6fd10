package org.spindle.protocol.consensus.bft;

/** The two voting phases of a view: prepare (PBFT's prepare, Tendermint's prevote) and commit. */
public enum VoteKind {
    PREPARE,
    COMMIT;

    static VoteKind fromCode(int code) {
        VoteKind[] all = values();
        if (code < 0 || code >= all.length) {
            throw new org.spindle.core.codec.CodecException("unknown vote kind " + code);
        }
        return all[code];
    }
}
