package org.spindle.node.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.crypto.SignatureScheme;
import org.spindle.node.discovery.NodeDirectory;
import org.spindle.node.discovery.NodeRecord;
import org.spindle.node.net.BadFrames.Kind;
import org.spindle.node.net.HandshakeMessage.Auth;
import org.spindle.node.net.HandshakeMessage.Hello;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.Metrics;
import org.spindle.protocol.runtime.NodeId;

/**
 * Authenticated TCP links between validators. Every connection starts with the {@link
 * HandshakeMessage} exchange; the peer's signature is checked on the worker executor (never on an
 * I/O thread) together with its key's presence in the {@link NodeDirectory} and a shard in common.
 * Only then are protocol frames accepted from it, and they are attributed to the peer's {@link
 * NodeId} from its record. Of each pair of peers the one with the lower index dials, and redials
 * with exponential backoff whenever the link drops; frames sent while a peer is not connected wait
 * in a bounded queue.
 *
 * <p>Metrics: {@code net.connected}, {@code net.handshake.ok}, {@code net.handshake.rejected} and
 * {@code net.handshake.rejected.<REASON>}, {@code net.badFrames[.<KIND>]}, {@code net.sent},
 * {@code net.received}, {@code net.dropped.<why>}.
 */
public final class PeerTransport implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerTransport.class);
    /** Frames from a peer whose signature is still being checked, kept in order and replayed after. */
    private static final int MAX_EARLY_FRAMES = 256;

    /** Where authenticated messages go. Called on an I/O thread; must not block. */
    @FunctionalInterface
    public interface Inbound {
        void deliver(NodeId from, Message m);
    }

    /** Why a handshake was refused. */
    public enum HandshakeRejection {
        UNKNOWN_KEY,
        BAD_SIGNATURE,
        NO_COMMON_SHARD,
        OWN_KEY,
        WRONG_VERSION
    }

    private final NetConfig config;
    private final SignatureScheme.KeyPair keys;
    private final NodeId self;
    private final List<Integer> shards;
    private final NodeDirectory directory;
    private final Wire wire;
    private final Inbound inbound;
    private final Metrics metrics;
    private final Executor workers;
    private final Runnable onUnknownKey;
    private final SecureRandom nonces = new SecureRandom();
    private final EventLoopGroup group;
    private final ChannelGroup channels;
    private final Map<NodeId, PeerLink> links = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Bootstrap dialer;
    private Channel server;

    /**
     * @param onUnknownKey called (on a worker) when a peer presents a key not in the directory, so
     *     discovery can look for its record before the peer redials
     */
    public PeerTransport(NetConfig config, SignatureScheme.KeyPair keys, NodeId self, List<Integer> shards,
            NodeDirectory directory, Wire protocolWire, Inbound inbound, Metrics metrics, Executor workers,
            Runnable onUnknownKey, String threadName) {
        this.config = config;
        this.keys = keys;
        this.self = self;
        this.shards = List.copyOf(shards);
        this.directory = directory;
        this.wire = protocolWire.with(HandshakeMessage.FAMILY);
        this.inbound = inbound;
        this.metrics = metrics;
        this.workers = workers;
        this.onUnknownKey = onUnknownKey;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadName + "-io", true),
                NioIoHandler.newFactory());
        this.channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        WriteBufferWaterMark marks = new WriteBufferWaterMark(config.writeHighWaterBytes() / 2,
                config.writeHighWaterBytes());
        this.dialer = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, marks);
    }

    /** Starts listening; returns the port bound (useful with port 0). */
    public int listen(String host, int port) throws InterruptedException {
        WriteBufferWaterMark marks = new WriteBufferWaterMark(config.writeHighWaterBytes() / 2,
                config.writeHighWaterBytes());
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, marks)
                .childHandler(initializer(false, null))
                .bind(host, port).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** A record was learned or updated: dial it if this node is the dialing side of the pair. */
    public void peerUpdated(NodeRecord r) {
        if (closed.get() || r.index() == self.index()) {
            return;
        }
        if (!sharesShard(r)) {
            metrics.counter("net.skipped.noCommonShard").increment();
            return;
        }
        if (self.index() < r.index()) {
            dial(link(r.id()));
        }
    }

    /** Sends {@code m} to {@code to}, or queues it until the link is up. Never blocks. */
    public void send(NodeId to, Message m) {
        multicast(List.of(to), m);
    }

    /** Sends {@code m} to each of {@code to} (queued for peers not connected yet), encoding it once. Never blocks. */
    public void multicast(Collection<NodeId> to, Message m) {
        if (closed.get()) {
            return;
        }
        byte[] frame = null;
        for (NodeId n : to) {
            if (n.equals(self)) {
                inbound.deliver(self, m);
                continue;
            }
            if (frame == null) {
                frame = wire.encode(m);
                if (frame.length > config.maxFrameBytes()) {
                    metrics.counter("net.dropped.oversizedSend").increment();
                    LOG.warn("not sending a {}-byte {} to {}: over the frame limit", frame.length,
                            m.getClass().getSimpleName(), to);
                    return;
                }
            }
            link(n).send(frame); // each write wraps the array in its own buffer: sharing it is safe
        }
    }

    /** Peers with an authenticated link, in index order. */
    public Set<NodeId> connected() {
        Set<NodeId> out = new TreeSet<>();
        links.forEach((id, l) -> {
            if (l.isConnected()) {
                out.add(id);
            }
        });
        return out;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Closes every channel and the I/O threads; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (server != null) {
            server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        channels.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private boolean sharesShard(NodeRecord r) {
        return r.shards().stream().anyMatch(shards::contains);
    }

    private PeerLink link(NodeId id) {
        return links.computeIfAbsent(id, PeerLink::new);
    }

    private void dial(PeerLink l) {
        if (closed.get() || l.isConnected() || !l.dialing.compareAndSet(false, true)) {
            return;
        }
        NodeRecord r = directory.get(l.id).orElse(null);
        if (r == null) {
            l.dialing.set(false);
            return;
        }
        dialer.clone().handler(initializer(true, l)).connect(r.host(), r.port()).addListener(
                (ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        LOG.debug("dial {} at {}:{} failed: {}", l.id, r.host(), r.port(), f.cause().toString());
                        redialLater(l);
                    }
                });
    }

    private void redialLater(PeerLink l) {
        l.dialing.set(false);
        if (closed.get()) {
            return;
        }
        long delay = l.nextBackoff(config);
        metrics.counter("net.redials").increment();
        try {
            group.schedule(() -> dial(l), delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shutting down: no more dials
        }
    }

    private ChannelInitializer<SocketChannel> initializer(boolean isDialer, PeerLink dialed) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                channels.add(ch);
                Framing.install(ch.pipeline(), config.maxFrameBytes());
                ch.pipeline().addLast("peer", new PeerChannel(isDialer, dialed));
            }
        };
    }

    /** One remote validator: its authenticated channel, if any, and the frames waiting for one. */
    private final class PeerLink {
        final NodeId id;
        final AtomicBoolean dialing = new AtomicBoolean();
        private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
        private long pendingBytes;
        private Channel channel;
        private long backoff;

        PeerLink(NodeId id) {
            this.id = id;
        }

        synchronized boolean isConnected() {
            return channel != null && channel.isActive();
        }

        synchronized long nextBackoff(NetConfig c) {
            backoff = backoff == 0 ? c.minBackoffMillis() : Math.min(backoff * 2, c.maxBackoffMillis());
            return backoff;
        }

        synchronized void send(byte[] frame) {
            if (channel != null && channel.isActive()) {
                if (!channel.isWritable()) {
                    metrics.counter("net.dropped.backpressure").increment();
                    return;
                }
                write(channel, frame);
                return;
            }
            pending.addLast(frame);
            pendingBytes += frame.length;
            // Bounded in count and in bytes (the high-water mark): the oldest frames go first.
            while (pending.size() > config.pendingPerPeer() || pendingBytes > config.writeHighWaterBytes()) {
                pendingBytes -= pending.pollFirst().length;
                metrics.counter("net.dropped.queueFull").increment();
            }
        }

        /** Makes {@code ch} this peer's channel (replacing an older one) and flushes the queue. */
        synchronized void bind(Channel ch) {
            Channel old = channel;
            channel = ch;
            backoff = 0;
            dialing.set(false);
            if (old != null && old != ch) {
                old.close();
            }
            while (!pending.isEmpty()) {
                write(ch, pending.pollFirst());
            }
            pendingBytes = 0;
        }

        synchronized boolean unbind(Channel ch) {
            if (channel == ch) {
                channel = null;
                return true;
            }
            return false;
        }

        private void write(Channel ch, byte[] frame) {
            metrics.counter("net.sent").increment();
            ch.writeAndFlush(Unpooled.wrappedBuffer(frame), ch.voidPromise());
        }
    }

    private enum State {
        AWAIT_HELLO,
        AWAIT_AUTH,
        VERIFYING,
        AUTHENTICATED,
        REJECTED
    }

    /** The handshake state machine and frame dispatch of one connection. All on its I/O thread. */
    private final class PeerChannel extends ChannelInboundHandlerAdapter {
        private final boolean isDialer;
        private final PeerLink dialed;
        private final Hello mine;
        private final ArrayDeque<Message> early = new ArrayDeque<>();
        private final BadFrames bad;
        private State state = State.AWAIT_HELLO;
        private Hello theirs;
        private PeerLink peer;

        PeerChannel(boolean isDialer, PeerLink dialed) {
            this.isDialer = isDialer;
            this.dialed = dialed;
            byte[] nonce = new byte[HandshakeMessage.NONCE_SIZE];
            nonces.nextBytes(nonce);
            this.mine = new Hello(HandshakeMessage.VERSION, keys.publicKey().bytes(), Bytes.wrap(nonce));
            this.bad = new BadFrames(metrics, config.maxBadFrames());
        }

        private String who() {
            return peer != null ? peer.id.toString() : "unauthenticated peer";
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(wire.encode(mine)));
            ctx.executor().schedule(() -> {
                if (state != State.AUTHENTICATED && ctx.channel().isActive()) {
                    LOG.warn("closing {}: no handshake within {} ms", ctx.channel().remoteAddress(),
                            config.handshakeTimeoutMillis());
                    metrics.counter("net.handshake.timeouts").increment();
                    ctx.close();
                }
            }, config.handshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (peer != null && peer.unbind(ctx.channel())) {
                metrics.counter("net.disconnected").increment();
                LOG.debug("{}: link to {} closed", self, peer.id);
            }
            if (dialed != null) {
                redialLater(dialed);
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            byte[] frame;
            ByteBuf buf = (ByteBuf) msg;
            try {
                frame = ByteBufUtil.getBytes(buf);
            } finally {
                buf.release();
            }
            if (state == State.REJECTED) {
                return;
            }
            Message m;
            switch (wire.decode(frame)) {
                case Wire.Decoded.Malformed(String reason) -> {
                    bad.strike(ctx.channel(), who(), Kind.MALFORMED, reason);
                    return;
                }
                case Wire.Decoded.Ok(int family, Message decoded) -> m = decoded;
            }
            switch (state) {
                case AWAIT_HELLO -> {
                    if (m instanceof Hello h) {
                        onHello(ctx, h);
                    } else {
                        protocolViolation(ctx, "expected a hello, got " + m.getClass().getSimpleName());
                    }
                }
                case AWAIT_AUTH -> {
                    if (m instanceof Auth a) {
                        onAuth(ctx, a);
                    } else {
                        protocolViolation(ctx, "expected an auth, got " + m.getClass().getSimpleName());
                    }
                }
                case VERIFYING -> {
                    if (m instanceof HandshakeMessage || early.size() >= MAX_EARLY_FRAMES) {
                        protocolViolation(ctx, "unexpected frame while the handshake is checked");
                    } else {
                        early.addLast(m);
                    }
                }
                case AUTHENTICATED -> {
                    if (m instanceof HandshakeMessage) {
                        bad.strike(ctx.channel(), who(), Kind.UNEXPECTED, "handshake message after authentication");
                    } else {
                        metrics.counter("net.received").increment();
                        inbound.deliver(peer.id, m);
                    }
                }
                case REJECTED -> {}
            }
        }

        private void onHello(ChannelHandlerContext ctx, Hello h) {
            if (h.version() != HandshakeMessage.VERSION) {
                reject(ctx, HandshakeRejection.WRONG_VERSION, "version " + h.version());
                return;
            }
            if (h.publicKey().equals(mine.publicKey())) {
                reject(ctx, HandshakeRejection.OWN_KEY, "peer presented this node's own key");
                return;
            }
            theirs = h;
            Bytes transcript = isDialer ? HandshakeMessage.transcript(mine, h, true)
                    : HandshakeMessage.transcript(h, mine, false);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(wire.encode(new Auth(Ed25519.INSTANCE.sign(keys.privateKey(),
                    transcript)))));
            state = State.AWAIT_AUTH;
        }

        private void onAuth(ChannelHandlerContext ctx, Auth a) {
            state = State.VERIFYING;
            ctx.channel().config().setAutoRead(false);
            Hello peerHello = theirs;
            Bytes transcript = isDialer ? HandshakeMessage.transcript(mine, peerHello, false)
                    : HandshakeMessage.transcript(peerHello, mine, true);
            workers.execute(() -> {
                Verdict v = check(peerHello.publicKey(), transcript, a.signature());
                ctx.executor().execute(() -> finish(ctx, v));
            });
        }

        private void finish(ChannelHandlerContext ctx, Verdict v) {
            if (!ctx.channel().isActive()) {
                return;
            }
            switch (v) {
                case Verdict.Refused(HandshakeRejection why, String detail) -> reject(ctx, why, detail);
                case Verdict.Accepted(NodeRecord r) -> {
                    if (dialed != null && !dialed.id.equals(r.id())) {
                        reject(ctx, HandshakeRejection.UNKNOWN_KEY, "dialed " + dialed.id + " but reached " + r.id());
                        return;
                    }
                    state = State.AUTHENTICATED;
                    peer = link(r.id());
                    metrics.counter("net.handshake.ok").increment();
                    metrics.counter("net.connected").increment();
                    LOG.debug("{}: authenticated {} at {}", self, r.id(), ctx.channel().remoteAddress());
                    List<Message> replay = new ArrayList<>(early);
                    early.clear();
                    peer.bind(ctx.channel());
                    for (Message m : replay) {
                        metrics.counter("net.received").increment();
                        inbound.deliver(peer.id, m);
                    }
                    ctx.channel().config().setAutoRead(true);
                }
            }
        }

        /** Runs on a worker: the only place a handshake signature is checked. */
        private Verdict check(Bytes key, Bytes transcript, Bytes signature) {
            NodeRecord r = directory.byKey(key).orElse(null);
            if (r == null) {
                onUnknownKey.run();
                return new Verdict.Refused(HandshakeRejection.UNKNOWN_KEY, "key " + key.toHex().substring(0, 16)
                        + "… is in no known node record");
            }
            if (!sharesShard(r)) {
                return new Verdict.Refused(HandshakeRejection.NO_COMMON_SHARD, r.id() + " serves " + r.shards());
            }
            if (!Ed25519.INSTANCE.verify(new SignatureScheme.PublicKey(Ed25519.NAME, key), transcript, signature)) {
                return new Verdict.Refused(HandshakeRejection.BAD_SIGNATURE, "handshake signature of " + r.id()
                        + " does not verify");
            }
            return new Verdict.Accepted(r);
        }

        private void reject(ChannelHandlerContext ctx, HandshakeRejection why, String detail) {
            state = State.REJECTED;
            metrics.counter("net.handshake.rejected").increment();
            metrics.counter("net.handshake.rejected." + why).increment();
            LOG.warn("{}: rejected handshake from {} ({}): {}", self, ctx.channel().remoteAddress(), why, detail);
            ctx.close();
        }

        private void protocolViolation(ChannelHandlerContext ctx, String reason) {
            // Before authentication there is nothing to keep: close at once.
            bad.strike(ctx.channel(), who(), Kind.UNEXPECTED, reason);
            state = State.REJECTED;
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                bad.strike(ctx.channel(), who(), Kind.OVERSIZED, cause.getMessage());
            } else if (cause instanceof CorruptedFrameException) {
                // The length prefix itself is garbage: the stream cannot be re-synchronised.
                bad.strike(ctx.channel(), who(), Kind.MALFORMED, cause.getMessage());
                ctx.close();
            } else if (cause instanceof IOException) {
                LOG.debug("{}: connection to {} failed: {}", self, who(), cause.toString());
                ctx.close();
            } else {
                LOG.warn("{}: closing connection to {} after an unexpected error", self, who(), cause);
                metrics.counter("net.errors").increment();
                ctx.close();
            }
        }
    }

    private sealed interface Verdict {
        record Accepted(NodeRecord record) implements Verdict {}

        record Refused(HandshakeRejection why, String detail) implements Verdict {}
    }
}
