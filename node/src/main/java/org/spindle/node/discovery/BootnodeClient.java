package org.spindle.node.discovery;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.spindle.node.net.Wire;
import org.spindle.protocol.runtime.Message;

/**
 * Talks to a bootnode with one short blocking connection per request. Run it on a worker thread,
 * never on an event loop. Answers are size-checked and decoded with the same codec as everything
 * else; any failure is an {@link IOException} saying what went wrong.
 */
public final class BootnodeClient {
    private static final int MAX_ANSWER = DiscoveryMessage.CODEC.maxSize() + 1;

    private final InetSocketAddress bootnode;
    private final int timeoutMillis;
    private final Wire wire = Wire.of(DiscoveryMessage.FAMILY);

    public BootnodeClient(InetSocketAddress bootnode, int timeoutMillis) {
        this.bootnode = bootnode;
        this.timeoutMillis = timeoutMillis;
    }

    public InetSocketAddress address() {
        return bootnode;
    }

    /** Registers {@code record}; the answer says whether the bootnode accepted it and why not. */
    public DiscoveryMessage.Registered register(NodeRecord record) throws IOException {
        if (request(new DiscoveryMessage.Register(record)) instanceof DiscoveryMessage.Registered r) {
            return r;
        }
        throw new IOException("bootnode " + bootnode + " answered a registration with something else");
    }

    /** Every record the bootnode holds, unchecked: the caller verifies each. */
    public List<NodeRecord> fetch() throws IOException {
        if (request(new DiscoveryMessage.Fetch()) instanceof DiscoveryMessage.Records r) {
            return r.records();
        }
        throw new IOException("bootnode " + bootnode + " answered a fetch with something else");
    }

    private Message request(DiscoveryMessage m) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(bootnode, timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            byte[] body = wire.encode(m);
            out.writeInt(body.length);
            out.write(body);
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int length = in.readInt();
            if (length < 0 || length > MAX_ANSWER) {
                throw new IOException("bootnode " + bootnode + " sent a frame of " + length + " bytes");
            }
            byte[] answer = new byte[length];
            in.readFully(answer);
            return switch (wire.decode(answer)) {
                case Wire.Decoded.Ok(int family, Message msg) -> msg;
                case Wire.Decoded.Malformed(String reason) -> throw new IOException("bootnode " + bootnode
                        + " sent a malformed answer: " + reason);
            };
        }
    }
}
