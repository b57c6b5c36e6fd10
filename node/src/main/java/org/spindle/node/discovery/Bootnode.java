package org.spindle.node.discovery;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spindle.node.net.Framing;
import org.spindle.node.net.Wire;
import org.spindle.node.runtime.NodeMetrics;

/**
 * A bootnode: keeps the latest valid signed record of each node and hands them all out. It checks
 * every record it is given (signature, sequence, key binding) and answers a rejected registration
 * with the reason. Connections are short: one request, one answer. Malformed or oversized requests
 * are answered by closing the connection, counted in {@code bootnode.badRequests}.
 */
public final class Bootnode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Bootnode.class);
    /** Requests are small: a record or a fetch. */
    static final int MAX_REQUEST = 4096;

    private final Wire wire = Wire.of(DiscoveryMessage.FAMILY);
    private final NodeDirectory directory = new NodeDirectory();
    private final NodeMetrics metrics = new NodeMetrics(() -> 0L);
    private final EventLoopGroup group;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Channel server;

    private Bootnode(String host, int port) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bootnode-io", true),
                NioIoHandler.newFactory());
        try {
            server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            channels.add(ch);
                            Framing.install(ch.pipeline(), MAX_REQUEST);
                            ch.pipeline().addLast(new Handler());
                        }
                    })
                    .bind(host, port).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Starts a bootnode on {@code host:port} (port 0 picks a free one). */
    public static Bootnode start(String host, int port) throws InterruptedException {
        return new Bootnode(host, port);
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    public NodeDirectory directory() {
        return directory;
    }

    public NodeMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    DiscoveryMessage answer(DiscoveryMessage request) {
        return switch (request) {
            case DiscoveryMessage.Register(NodeRecord r) -> register(r);
            case DiscoveryMessage.Fetch f -> {
                metrics.counter("bootnode.fetches").increment();
                yield new DiscoveryMessage.Records(directory.all());
            }
            default -> new DiscoveryMessage.Registered(false, "not a request: " + request.getClass().getSimpleName());
        };
    }

    private DiscoveryMessage.Registered register(NodeRecord r) {
        if (directory.size() >= DiscoveryMessage.MAX_RECORDS && directory.get(r.id()).isEmpty()) {
            return new DiscoveryMessage.Registered(false, "directory full");
        }
        return switch (directory.offer(r)) {
            case RecordVerdict.Accepted a -> {
                metrics.counter("bootnode.registered").increment();
                LOG.info("registered {} at {}:{} shards {} (sequence {})", r.id(), r.host(), r.port(), r.shards(),
                        r.sequence());
                yield new DiscoveryMessage.Registered(true, "");
            }
            case RecordVerdict.Unchanged u -> new DiscoveryMessage.Registered(true, "");
            case RecordVerdict.Rejected(RecordVerdict.Reason why, String detail) -> {
                metrics.counter("bootnode.rejected." + why).increment();
                LOG.warn("rejected the record of {}: {} ({})", r.id(), why, detail);
                yield new DiscoveryMessage.Registered(false, why + ": " + detail);
            }
        };
    }

    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            byte[] frame;
            ByteBuf buf = (ByteBuf) msg;
            try {
                frame = ByteBufUtil.getBytes(buf);
            } finally {
                buf.release();
            }
            switch (wire.decode(frame)) {
                case Wire.Decoded.Ok(int family, org.spindle.protocol.runtime.Message m) ->
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(wire.encode(answer((DiscoveryMessage) m))));
                case Wire.Decoded.Malformed(String reason) -> badRequest(ctx, reason);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                badRequest(ctx, cause.getMessage());
            } else if (cause instanceof IOException) {
                ctx.close();
            } else {
                LOG.warn("closing a bootnode connection after an unexpected error", cause);
                ctx.close();
            }
        }

        private void badRequest(ChannelHandlerContext ctx, String reason) {
            metrics.counter("bootnode.badRequests").increment();
            LOG.warn("bad request from {}: {}", ctx.channel().remoteAddress(), reason);
            ctx.close();
        }
    }
}
