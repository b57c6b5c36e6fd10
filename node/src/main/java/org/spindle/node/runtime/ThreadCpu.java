package org.spindle.node.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU time this process's threads used so far, summed by what the threads do (their names):
 * the protocol loops, the verifier threads that recover senders, the HTTP API, Netty I/O, the JIT
 * compilers, the garbage collector and the rest. A load generator compares two readings to tell
 * where the CPU per transaction went, JIT warm-up and GC included, which a profiler of Java code
 * alone does not see. Read from Linux's {@code /proc/self/task}; elsewhere there is no breakdown.
 */
public final class ThreadCpu {
    private static final Path TASKS = Path.of("/proc/self/task");

    private ThreadCpu() {}

    /** The group a thread of this name (as the kernel keeps it: at most 15 characters) counts in. */
    public static String group(String threadName) {
        String n = threadName.strip();
        if (n.endsWith("-loop")) {
            return "loop";
        }
        if (n.endsWith("-verify")) {
            return "verify";
        }
        if (n.startsWith("JettyServerThre") || n.startsWith("qtp")) {
            return "http";
        }
        if (n.contains("-io-")) {
            return "io";
        }
        if (n.startsWith("C1 CompilerThre") || n.startsWith("C2 CompilerThre")) {
            return "jit";
        }
        if (n.equals("VM Thread") || n.startsWith("GC Thread") || n.startsWith("G1 ")) { // Serial GC runs in the VM thread
            return "gc";
        }
        return "other";
    }

    /**
     * Milliseconds of CPU by group, scaled so that they add up to {@code processCpuMillis} (the
     * kernel counts in clock ticks whose length Java cannot ask for); empty where {@code /proc} is not.
     * Approximate: threads that ended (idle HTTP threads do) take their time out of the sum, which
     * the scaling then spreads over the groups still running.
     */
    public static Optional<Map<String, Long>> byGroup(long processCpuMillis) {
        if (!Files.isDirectory(TASKS)) {
            return Optional.empty();
        }
        Map<String, Long> ticks = new TreeMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path t : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(t.resolve("comm"));
                    long used = ticksOf(Files.readString(t.resolve("stat")));
                    ticks.merge(group(name), used, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended between listing and reading: its time is in no group
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        long all = ticks.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> millis = new TreeMap<>();
        ticks.forEach((g, v) -> millis.put(g, all == 0 ? 0 : Math.round((double) v * processCpuMillis / all)));
        return Optional.of(millis);
    }

    /** User plus system time of one {@code /proc/.../stat} line, in clock ticks. */
    static long ticksOf(String stat) {
        // The name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 (utime) and 15 (stime)
    }
}
