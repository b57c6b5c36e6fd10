package org.spindle.node.net;

import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spindle.protocol.runtime.Metrics;

/**
 * Strikes against one connection for bad frames. The first is logged as a warning with its reason,
 * later ones at debug level (a flood of garbage must not flood the log); each is counted in
 * {@code net.badFrames} and {@code net.badFrames.<kind>}; at the limit the connection is closed.
 */
final class BadFrames {
    private static final Logger LOG = LoggerFactory.getLogger(BadFrames.class);

    enum Kind {
        MALFORMED,
        OVERSIZED,
        UNEXPECTED
    }

    private final Metrics metrics;
    private final int limit;
    private int strikes;

    BadFrames(Metrics metrics, int limit) {
        this.metrics = metrics;
        this.limit = limit;
    }

    /** Records a bad frame; true when the connection was closed for it. */
    boolean strike(Channel ch, String peer, Kind kind, String reason) {
        strikes++;
        metrics.counter("net.badFrames").increment();
        metrics.counter("net.badFrames." + kind).increment();
        if (strikes == 1) {
            LOG.warn("dropped a {} frame from {} ({}): {}", kind, peer, ch.remoteAddress(), reason);
        } else {
            LOG.debug("dropped a {} frame from {} ({}): {}", kind, peer, ch.remoteAddress(), reason);
        }
        if (strikes >= limit) {
            LOG.warn("disconnecting {} ({}) after {} bad frames", peer, ch.remoteAddress(), strikes);
            metrics.counter("net.disconnects.badFrames").increment();
            ch.close();
            return true;
        }
        return false;
    }
}
