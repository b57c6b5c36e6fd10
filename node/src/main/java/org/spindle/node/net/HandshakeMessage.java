package org.spindle.node.net;

import org.spindle.core.bytes.Bytes;
import org.spindle.core.codec.CodecException;
import org.spindle.core.codec.Decoder;
import org.spindle.core.codec.Encoder;
import org.spindle.core.crypto.Ed25519;
import org.spindle.protocol.runtime.Message;
import org.spindle.protocol.runtime.MessageCodec;

/**
 * The two messages of the peer handshake. Each side opens with a {@link Hello} (its Ed25519 key and
 * a fresh nonce), then sends an {@link Auth}: its signature over the {@linkplain #transcript
 * transcript} of both keys and both nonces and its own role, so a signature can be neither replayed
 * on another connection nor reflected back to its signer.
 */
public sealed interface HandshakeMessage extends Message {
    int VERSION = 1;
    int NONCE_SIZE = 32;
    int TAG_HELLO = 1;
    int TAG_AUTH = 2;

    MessageCodec<HandshakeMessage> CODEC = MessageCodec.<HandshakeMessage>builder("handshake", 256)
            .type(TAG_HELLO, Hello::readBody)
            .type(TAG_AUTH, Auth::readBody)
            .build();

    Wire.Family FAMILY = new Wire.Family(Wire.HANDSHAKE, CODEC, HandshakeMessage.class);

    /** The bytes a side signs: both keys and nonces in dialer-then-listener order, then the signer's role. */
    static Bytes transcript(Hello dialer, Hello listener, boolean signerIsDialer) {
        return new Encoder(160).u8(0x48).string("spindle/handshake/1").bytes(dialer.publicKey())
                .bytes(dialer.nonce()).bytes(listener.publicKey()).bytes(listener.nonce())
                .u8(signerIsDialer ? 0 : 1).toBytes();
    }

    record Hello(int version, Bytes publicKey, Bytes nonce) implements HandshakeMessage {
        public Hello {
            if (publicKey.size() != Ed25519.PUBLIC_KEY_SIZE || nonce.size() != NONCE_SIZE) {
                throw new IllegalArgumentException("a hello has a 32-byte key and a 32-byte nonce");
            }
        }

        @Override
        public int typeTag() {
            return TAG_HELLO;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.varint(version).bytes(publicKey).bytes(nonce);
        }

        @Override
        public int encodedSize() {
            return 1 + Message.varintSize(version) + 2 + publicKey.size() + nonce.size();
        }

        static Hello readBody(Decoder in) {
            int version = in.varint(255, "version");
            Bytes key = in.bytes(Ed25519.PUBLIC_KEY_SIZE);
            Bytes nonce = in.bytes(NONCE_SIZE);
            try {
                return new Hello(version, key, nonce);
            } catch (IllegalArgumentException e) {
                throw new CodecException("bad hello: " + e.getMessage());
            }
        }
    }

    record Auth(Bytes signature) implements HandshakeMessage {
        @Override
        public int typeTag() {
            return TAG_AUTH;
        }

        @Override
        public void encodeBody(Encoder out) {
            out.bytes(signature);
        }

        @Override
        public int encodedSize() {
            return 1 + Message.varintSize(signature.size()) + signature.size();
        }

        static Auth readBody(Decoder in) {
            return new Auth(in.bytes(Ed25519.SIGNATURE_SIZE));
        }
    }
}
