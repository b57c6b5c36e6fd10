package org.spindle.node.config;

/** A node config file that cannot be used; the message names the file and the offending key. */
public final class NodeFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public NodeFileException(String message) {
        super(message);
    }
}
