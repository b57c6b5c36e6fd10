package org.spindle.node.runtime;

import java.util.concurrent.ThreadFactory;

/** Threads of a node's executors: daemons (a node left open never keeps the JVM alive), all with one name. */
public final class DaemonThreads {
    private DaemonThreads() {}

    /** A factory of daemon threads called {@code name} (per-thread CPU accounting groups by name). */
    public static ThreadFactory named(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
