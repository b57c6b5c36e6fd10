package org.spindle.node.net;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;

/**
 * Frames on a TCP stream: a 4-byte big-endian length, then that many bytes. The decoder fails fast
 * on a length over the limit and skips the frame's bytes, so one oversized frame costs the peer a
 * bad-frame strike but does not desynchronise the stream.
 */
public final class Framing {
    public static final int LENGTH_BYTES = 4;

    private Framing() {}

    public static void install(ChannelPipeline p, int maxFrameBytes) {
        p.addLast("frameDecoder", new LengthFieldBasedFrameDecoder(maxFrameBytes + LENGTH_BYTES, 0, LENGTH_BYTES, 0,
                LENGTH_BYTES, true));
        p.addLast("framePrepender", new LengthFieldPrepender(LENGTH_BYTES));
    }
}
