package org.spindle.sim.workload;

/** A transfer CSV that cannot be replayed; the message is {@code file:line: reason}. */
public final class TransferCsvException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long line;
    private final String reason;

    public TransferCsvException(String file, long line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    /** 1-based line number; 0 when the problem is the file as a whole. */
    public long line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
