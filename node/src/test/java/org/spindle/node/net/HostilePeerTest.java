package org.spindle.node.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spindle.core.bytes.Bytes;
import org.spindle.core.crypto.Ed25519;
import org.spindle.core.crypto.Hashing;
import org.spindle.core.crypto.SignatureScheme;
import org.spindle.node.Await;
import org.spindle.node.LocalNetwork;
import org.spindle.node.Node;
import org.spindle.node.ProtocolWires;
import org.spindle.node.discovery.BootnodeClient;
import org.spindle.node.discovery.NodeRecord;
import org.spindle.node.net.HandshakeMessage.Auth;
import org.spindle.node.net.HandshakeMessage.Hello;
import org.spindle.protocol.gossip.GossipConfig;
import org.spindle.protocol.gossip.Subscribe;
import org.spindle.protocol.gossip.TopicGossip;
import org.spindle.protocol.runtime.NodeId;
import org.spindle.protocol.runtime.ProtocolFactory;

/**
 * A node under attack from a raw TCP client: garbage, oversized frames and forged handshakes are
 * rejected with a metric, the attacker is cut off, and the node keeps serving its real peer.
 */
class HostilePeerTest {
    private static final int MAX_FRAME = 64 * 1024;
    private static final Wire WIRE = ProtocolWires.GOSSIP.with(HandshakeMessage.FAMILY);
    private static final SignatureScheme.KeyPair PEER_KEY = Ed25519.INSTANCE.keyPair(LocalNetwork.keySeed(1));
    private static final SignatureScheme.KeyPair STRANGER = Ed25519.INSTANCE.keyPair(
            Hashing.sha256(Bytes.wrap(new byte[] {42})).bytes());

    private LocalNetwork net;
    private Node victim;
    private Node friend;

    @BeforeEach
    void startTwoNodes() throws Exception {
        net = new LocalNetwork();
        ProtocolFactory gossip = ctx -> new TopicGossip(ctx, new NodeId[] {NodeId.of(1 - ctx.self().index())},
                new GossipConfig(List.of("t"), 64, false), List.of());
        victim = net.start(net.config(0, List.of(0)).withNet(LocalNetwork.FAST_NET.withMaxFrameBytes(MAX_FRAME)),
                ProtocolWires.GOSSIP, gossip);
        friend = net.start(net.config(1, List.of(0)), ProtocolWires.GOSSIP, gossip);
        LocalNetwork.awaitFullMesh(List.of(victim, friend), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        net.close();
    }

    private void assertVictimStillServesItsPeer() throws Exception {
        assertThat(victim.connectedPeers()).contains(NodeId.of(1));
        assertThat(victim.<Boolean>inspect(p -> p instanceof TopicGossip)).isTrue();
        assertThat(victim.metrics().count("node.handlerErrors")).isZero();
    }

    private Hello readHello(RawPeer raw) throws Exception {
        Wire.Decoded d = WIRE.decode(raw.readFrame());
        assertThat(d).isInstanceOf(Wire.Decoded.Ok.class);
        return (Hello) ((Wire.Decoded.Ok) d).message();
    }

    @Test
    void garbageFramesAreDroppedAndTheSenderIsDisconnectedAfterThree() throws Exception {
        try (RawPeer raw = new RawPeer(victim.listenAddress())) {
            raw.sendFrame(new byte[] {(byte) 250, 1, 2});
            raw.sendFrame(new byte[0]);
            raw.sendFrame(new byte[] {0, 7});
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(victim.metrics().count("net.badFrames.MALFORMED")).isEqualTo(3);
        assertThat(victim.metrics().count("net.disconnects.badFrames")).isEqualTo(1);
        assertVictimStillServesItsPeer();
    }

    @Test
    void oversizedFramesAreSkippedUnreadAndRepeatedOnesDisconnect() throws Exception {
        try (RawPeer raw = new RawPeer(victim.listenAddress())) {
            raw.sendFrameOfLength(MAX_FRAME + 1);
            Await.until(Duration.ofSeconds(5), "the oversized frame is counted",
                    () -> victim.metrics().count("net.badFrames.OVERSIZED") == 1);
            // One strike does not cut the connection, and the stream is still in step: the node reads
            // the hello sent after the skipped frame and answers it with its signature.
            Hello theirs = readHello(raw);
            Hello mine = new Hello(HandshakeMessage.VERSION, STRANGER.publicKey().bytes(), Bytes.wrap(new byte[32]));
            raw.sendFrame(WIRE.encode(mine));
            Wire.Decoded answer = WIRE.decode(raw.readFrame());
            assertThat(answer).isInstanceOfSatisfying(Wire.Decoded.Ok.class, ok -> assertThat(ok.message())
                    .isInstanceOfSatisfying(Auth.class, a -> assertThat(Ed25519.INSTANCE.verify(
                            new SignatureScheme.PublicKey(Ed25519.NAME, theirs.publicKey()),
                            HandshakeMessage.transcript(mine, theirs, false), a.signature())).isTrue()));
            raw.sendFrameOfLength(MAX_FRAME * 4);
            raw.sendFrameOfLength(MAX_FRAME + 100);
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(victim.metrics().count("net.badFrames.OVERSIZED")).isEqualTo(3);
        assertVictimStillServesItsPeer();
    }

    @Test
    void aHandshakeWithAKeyNoRecordCarriesIsRejected() throws Exception {
        try (RawPeer raw = new RawPeer(victim.listenAddress())) {
            Hello theirs = readHello(raw);
            Hello mine = new Hello(HandshakeMessage.VERSION, STRANGER.publicKey().bytes(), Bytes.wrap(new byte[32]));
            raw.sendFrame(WIRE.encode(mine));
            Bytes sig = Ed25519.INSTANCE.sign(STRANGER.privateKey(), HandshakeMessage.transcript(mine, theirs, true));
            raw.sendFrame(WIRE.encode(new Auth(sig)));
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(victim.metrics().count("net.handshake.rejected.UNKNOWN_KEY")).isEqualTo(1);
        assertVictimStillServesItsPeer();
    }

    @Test
    void aHandshakeClaimingAKnownKeyWithoutItsPrivateKeyIsRejected() throws Exception {
        try (RawPeer raw = new RawPeer(victim.listenAddress())) {
            Hello theirs = readHello(raw);
            Hello mine = new Hello(HandshakeMessage.VERSION, PEER_KEY.publicKey().bytes(), Bytes.wrap(new byte[32]));
            raw.sendFrame(WIRE.encode(mine));
            // Signed by the wrong key over the right transcript.
            Bytes sig = Ed25519.INSTANCE.sign(STRANGER.privateKey(), HandshakeMessage.transcript(mine, theirs, true));
            raw.sendFrame(WIRE.encode(new Auth(sig)));
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(victim.metrics().count("net.handshake.rejected.BAD_SIGNATURE")).isEqualTo(1);
        assertVictimStillServesItsPeer();
    }

    @Test
    void aReplayedSignatureFromTheListenerRoleIsRejected() throws Exception {
        try (RawPeer raw = new RawPeer(victim.listenAddress())) {
            Hello theirs = readHello(raw);
            Hello mine = new Hello(HandshakeMessage.VERSION, PEER_KEY.publicKey().bytes(), Bytes.wrap(new byte[32]));
            raw.sendFrame(WIRE.encode(mine));
            // The right key, but signed for the other role: a reflected signature must not pass.
            Bytes sig = Ed25519.INSTANCE.sign(PEER_KEY.privateKey(), HandshakeMessage.transcript(mine, theirs, false));
            raw.sendFrame(WIRE.encode(new Auth(sig)));
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(victim.metrics().count("net.handshake.rejected.BAD_SIGNATURE")).isEqualTo(1);
        assertVictimStillServesItsPeer();
    }

    @Test
    void aValidatorOfAnotherShardIsRefusedEvenWithAGoodSignature() throws Exception {
        SignatureScheme.KeyPair other = Ed25519.INSTANCE.keyPair(LocalNetwork.keySeed(2));
        NodeRecord r = NodeRecord.signed(other, 2, "127.0.0.1", 9, List.of(5), 1);
        assertThat(new BootnodeClient(net.bootnode().address(), 2_000).register(r).accepted()).isTrue();
        Await.until(Duration.ofSeconds(5), "the victim learns the other shard's record",
                () -> victim.directory().get(NodeId.of(2)).isPresent());
        assertThat(victim.metrics().count("net.skipped.noCommonShard")).isEqualTo(1);
        try (RawPeer raw = new RawPeer(victim.listenAddress())) {
            Hello theirs = readHello(raw);
            Hello mine = new Hello(HandshakeMessage.VERSION, other.publicKey().bytes(), Bytes.wrap(new byte[32]));
            raw.sendFrame(WIRE.encode(mine));
            Bytes sig = Ed25519.INSTANCE.sign(other.privateKey(), HandshakeMessage.transcript(mine, theirs, true));
            raw.sendFrame(WIRE.encode(new Auth(sig)));
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(victim.metrics().count("net.handshake.rejected.NO_COMMON_SHARD")).isEqualTo(1);
        assertVictimStillServesItsPeer();
    }

    @Test
    void anAuthenticatedPeerSendingGarbageIsCutOffAfterThreeBadFrames() throws Exception {
        SignatureScheme.KeyPair third = Ed25519.INSTANCE.keyPair(LocalNetwork.keySeed(2));
        NodeRecord r = NodeRecord.signed(third, 2, "127.0.0.1", 9, List.of(0), 1);
        assertThat(new BootnodeClient(net.bootnode().address(), 2_000).register(r).accepted()).isTrue();
        Await.until(Duration.ofSeconds(5), "the victim learns the third record",
                () -> victim.directory().get(NodeId.of(2)).isPresent());
        try (RawPeer raw = new RawPeer(victim.listenAddress())) {
            Hello theirs = readHello(raw);
            Hello mine = new Hello(HandshakeMessage.VERSION, third.publicKey().bytes(), Bytes.wrap(new byte[32]));
            raw.sendFrame(WIRE.encode(mine));
            raw.sendFrame(WIRE.encode(new Auth(Ed25519.INSTANCE.sign(third.privateKey(),
                    HandshakeMessage.transcript(mine, theirs, true)))));
            raw.readFrame(); // the node's own auth
            Await.until(Duration.ofSeconds(5), "the raw peer is authenticated as n2",
                    () -> victim.connectedPeers().contains(NodeId.of(2)));
            raw.sendFrame(new byte[] {2, (byte) 99});
            raw.sendFrame(WIRE.encode(mine)); // a handshake message after authentication
            raw.sendFrame(new byte[] {2});
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(victim.metrics().count("net.badFrames.MALFORMED")).isEqualTo(2);
        assertThat(victim.metrics().count("net.badFrames.UNEXPECTED")).isEqualTo(1);
        Await.until(Duration.ofSeconds(5), "the cut-off peer is no longer linked",
                () -> !victim.connectedPeers().contains(NodeId.of(2)));
        assertVictimStillServesItsPeer();
    }

    @Test
    void protocolFramesBeforeAuthenticationCloseTheConnection() throws Exception {
        try (RawPeer raw = new RawPeer(victim.listenAddress())) {
            readHello(raw);
            raw.sendFrame(WIRE.encode(new Subscribe(List.of("t"), true)));
            assertThat(raw.closedByPeer()).isTrue();
        }
        assertThat(victim.metrics().count("net.badFrames.UNEXPECTED")).isEqualTo(1);
        assertVictimStillServesItsPeer();
    }

    @Test
    void aPeerThatNeverCompletesTheHandshakeIsClosedAfterTheTimeout() throws Exception {
        try (RawPeer raw = new RawPeer(victim.listenAddress())) {
            readHello(raw);
            assertThat(raw.closedByPeer()).isTrue(); // FAST_NET closes after 3 s; the socket waits 5 s
        }
        assertThat(victim.metrics().count("net.handshake.timeouts")).isEqualTo(1);
        assertVictimStillServesItsPeer();
    }
}
