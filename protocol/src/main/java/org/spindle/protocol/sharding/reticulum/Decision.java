package org.spindle.protocol.sharding.reticulum;

/** The control shard's decision on a process block that failed its unanimous vote. */
public enum Decision {
    /** The block is valid: it becomes the shard's next state although a member did not approve it. */
    ACCEPT,
    /** The block is faulty or absent: the shard's state stays as it was for this epoch. */
    REJECT
}
