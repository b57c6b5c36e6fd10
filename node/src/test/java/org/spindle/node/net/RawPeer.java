package org.spindle.node.net;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A hand-driven TCP client speaking raw frames, to play a misbehaving peer in tests. */
final class RawPeer implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    RawPeer(InetSocketAddress to) throws IOException {
        socket = new Socket(to.getAddress(), to.getPort());
        socket.setSoTimeout(5_000);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    void sendFrame(byte[] body) throws IOException {
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    /** Writes a length prefix and exactly {@code length} bytes of filler. */
    void sendFrameOfLength(int length) throws IOException {
        out.writeInt(length);
        out.write(new byte[length]);
        out.flush();
    }

    byte[] readFrame() throws IOException {
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        return body;
    }

    /** True when the other side closed the connection within the socket timeout. */
    boolean closedByPeer() throws IOException {
        try {
            while (true) {
                int length = in.readInt();
                in.skipNBytes(length);
            }
        } catch (java.io.EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by peer
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
