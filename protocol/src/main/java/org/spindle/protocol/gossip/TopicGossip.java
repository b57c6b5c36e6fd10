package org.spindle.protocol.gossip;

import java.util.List;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Encoder;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.Metrics;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.Protocol;

/**
 * Topic gossip over a fixed overlay: a node delivers each item of a topic it subscribes to the first
 * time it sees it and forwards it to every neighbour subscribed to that topic except the one it came
 * from, and drops repeats using a
 * bounded {@link SeenCache}. Subscriptions are exchanged with neighbours at start. With
 * {@code signed}, the origin signs the item id and every node checks the signature before it
 * delivers or forwards (forged items stop at the first honest hop).
 *
 * <p>Metrics: counters {@code gossip.published}, {@code gossip.delivered} (first receipts on a
 * subscribed topic), {@code gossip.duplicates}, {@code gossip.rejected}; histograms
 * {@code gossip.latencyMicros} (publish to first receipt) and {@code gossip.hops}.
 */
public final class TopicGossip implements Protocol {
    private final NodeContext ctx;
    private final NodeId[] neighbours;
    private final List<?>[] neighbourTopics;
    private final GossipConfig config;
    private final List<Publication> publications;
    private final SeenCache seen;
    private final Subscribe announce;
    private final Metrics.Counter published;
    private final Metrics.Counter delivered;
    private final Metrics.Counter duplicates;
    private final Metrics.Counter rejected;
    private final Metrics.Histogram latency;
    private final Metrics.Histogram hops;
    private long publishedCount;

    /** The timer event for the {@code index}-th publication of this node. */
    record PublishTimer(int index) {}

    public TopicGossip(NodeContext ctx, NodeId[] neighbours, GossipConfig config, List<Publication> publications) {
        this.ctx = ctx;
        this.neighbours = neighbours.clone();
        this.neighbourTopics = new List<?>[neighbours.length];
        this.config = config;
        this.publications = List.copyOf(publications);
        this.seen = new SeenCache(config.seenCapacity());
        this.announce = new Subscribe(config.topics(), false);
        Metrics m = ctx.metrics();
        published = m.counter("gossip.published");
        delivered = m.counter("gossip.delivered");
        duplicates = m.counter("gossip.duplicates");
        rejected = m.counter("gossip.rejected");
        latency = m.histogram("gossip.latencyMicros");
        hops = m.histogram("gossip.hops");
    }

    @Override
    public void onStart() {
        Subscribe ask = new Subscribe(config.topics(), true);
        for (NodeId n : neighbours) {
            ctx.send(n, ask);
        }
        long now = ctx.now();
        for (int i = 0; i < publications.size(); i++) {
            long at = publications.get(i).atMicros();
            if (at >= now) {
                ctx.schedule(at - now, new PublishTimer(i));
            }
        }
    }

    @Override
    public void onMessage(NodeId from, Message m) {
        switch (m) {
            case Subscribe s -> onSubscribe(from, s);
            case GossipData d -> onData(from, d);
            default -> rejected.increment();
        }
    }

    @Override
    public void onTimer(Object event) {
        if (event instanceof PublishTimer(int index)) {
            publish(publications.get(index));
        }
    }

    private void onSubscribe(NodeId from, Subscribe s) {
        int i = indexOf(from);
        if (i < 0) {
            rejected.increment();
            return;
        }
        neighbourTopics[i] = s.topics();
        if (s.wantReply()) {
            ctx.send(from, announce);
        }
    }

    private void onData(NodeId from, GossipData d) {
        long key = d.id().prefixLong();
        if (seen.contains(key)) {
            duplicates.increment();
            return;
        }
        if (config.signed() && !ctx.crypto().verify(d.origin(), d.id().bytes(), d.signature())) {
            // Not remembered: a forgery must not shadow the genuine item.
            rejected.increment();
            return;
        }
        seen.add(key);
        if (!config.topics().contains(d.topic())) {
            return; // a node relays only the topics it subscribes to
        }
        delivered.increment();
        latency.record(ctx.now() - d.publishedAt());
        hops.record(d.hops());
        forward(d.forwarded(), from);
    }

    private void publish(Publication p) {
        byte[] payload = new byte[p.payloadBytes()];
        ctx.random().nextBytes(payload);
        long at = ctx.now();
        Encoder e = new Encoder(payload.length + 64);
        e.string(p.topic()).varint(ctx.self().index()).i64(at).varint(publishedCount++).raw(payload);
        Hash id = ctx.crypto().hash(e.toBytes());
        Bytes signature = config.signed() ? ctx.crypto().sign(id.bytes()) : Bytes.EMPTY;
        GossipData d = new GossipData(p.topic(), id, ctx.self(), at, 0, Bytes.wrap(payload), signature);
        seen.add(id.prefixLong());
        published.increment();
        forward(d, null);
    }

    private void forward(GossipData d, NodeId except) {
        for (int i = 0; i < neighbours.length; i++) {
            NodeId n = neighbours[i];
            List<?> topics = neighbourTopics[i];
            if (topics != null && !n.equals(except) && topics.contains(d.topic())) {
                ctx.send(n, d);
            }
        }
    }

    private int indexOf(NodeId n) {
        for (int i = 0; i < neighbours.length; i++) {
            if (neighbours[i].equals(n)) {
                return i;
            }
        }
        return -1;
    }
}
