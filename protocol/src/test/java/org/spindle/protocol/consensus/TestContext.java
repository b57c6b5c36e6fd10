package org.spindle.protocol.consensus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.bytes.Hash;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.storage.MemoryStorage;
import org.spindle.core.storage.Storage;
import org.spindle.protocol.runtime.Cpu;
import org.spindle.protocol.runtime.Crypto;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.Metrics;
import org.spindle.protocol.runtime.NodeContext;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.TimerId;

/**
 * A hand-driven node context for unit tests: it records what the protocol sends and schedules, and
 * its crypto lets a test sign as any node (a keyed hash per node), which protocol code cannot.
 */
public final class TestContext implements NodeContext {
    public record Sent(NodeId to, Message message) {}

    public record Timer(long delay, Object event) {}

    private final NodeId self;
    public final List<Sent> sent = new ArrayList<>();
    public final List<Timer> timers = new ArrayList<>();
    public final MemoryStorage storage = new MemoryStorage();
    public final Map<String, Long> counters = new HashMap<>();
    private final SplittableRandom random = new SplittableRandom(5);
    public long now;

    public TestContext(NodeId self) {
        this.self = self;
    }

    /** Signs as {@code signer}: what a test needs to forge honest members' votes. */
    public static Bytes signAs(NodeId signer, Bytes message) {
        return Hashing.sha256(new Encoder().varint(signer.index()).bytes(message).toBytes()).bytes()
                .concat(Bytes.wrap(new byte[32]));
    }

    public static Crypto cryptoOf(NodeId node) {
        return new Crypto() {
            @Override
            public Bytes sign(Bytes message) {
                return signAs(node, message);
            }

            @Override
            public boolean verify(NodeId signer, Bytes message, Bytes signature) {
                return signAs(signer, message).equals(signature);
            }

            @Override
            public Hash hash(Bytes data) {
                return Hashing.sha256(data);
            }

            @Override
            public int signatureSize() {
                return 64;
            }
        };
    }

    public <M extends Message> List<M> sentOf(Class<M> type) {
        return sent.stream().map(Sent::message).filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public NodeId self() {
        return self;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public void send(NodeId to, Message m) {
        sent.add(new Sent(to, m));
    }

    @Override
    public void multicast(Collection<NodeId> to, Message m) {
        to.forEach(n -> send(n, m));
    }

    @Override
    public TimerId schedule(long delayMicros, Object timerEvent) {
        timers.add(new Timer(delayMicros, timerEvent));
        return new TimerId(timers.size());
    }

    @Override
    public void cancel(TimerId id) {}

    @Override
    public RandomGenerator random() {
        return random;
    }

    @Override
    public Crypto crypto() {
        return cryptoOf(self);
    }

    @Override
    public Storage storage() {
        return storage;
    }

    @Override
    public Metrics metrics() {
        return new Metrics() {
            @Override
            public Counter counter(String name) {
                return d -> counters.merge(name, d, Long::sum);
            }

            @Override
            public Histogram histogram(String name) {
                return v -> {};
            }

            @Override
            public Series series(String name) {
                return v -> {};
            }
        };
    }

    @Override
    public Cpu cpu() {
        return us -> {};
    }
}
