package org.spindle.node.api;

import java.util.Map;
import org.spindle.node.runtime.NodeMetrics;

/** Writes a node's metrics in the Prometheus text exposition format (version 0.0.4). */
public final class Prometheus {
    private Prometheus() {}

    public static String render(NodeMetrics metrics, String node) {
        StringBuilder out = new StringBuilder(4096);
        String labels = "{node=\"" + node + "\"}";
        for (Map.Entry<String, Object> e : metrics.snapshot().entrySet()) {
            String name = "spindle_" + sanitize(e.getKey());
            switch (e.getValue()) {
                case Long count -> {
                    out.append("# TYPE ").append(name).append("_total counter\n");
                    out.append(name).append("_total").append(labels).append(' ').append(count).append('\n');
                }
                case NodeMetrics.HistogramSnapshot h -> {
                    out.append("# TYPE ").append(name).append(" summary\n");
                    out.append(name).append("{node=\"").append(node).append("\",quantile=\"0.5\"} ").append(h.p50())
                            .append('\n');
                    out.append(name).append("{node=\"").append(node).append("\",quantile=\"0.99\"} ").append(h.p99())
                            .append('\n');
                    out.append(name).append("_sum").append(labels).append(' ').append(h.sum()).append('\n');
                    out.append(name).append("_count").append(labels).append(' ').append(h.count()).append('\n');
                }
                case Number n -> {
                    out.append("# TYPE ").append(name).append(" gauge\n");
                    out.append(name).append(labels).append(' ').append(n.doubleValue()).append('\n');
                }
                default -> { }
            }
        }
        return out.toString();
    }

    /** Metric names allow [a-zA-Z0-9_:]; ours use dots and the odd dash. */
    static String sanitize(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) && c < 128 ? c : '_');
        }
        return b.toString();
    }
}
