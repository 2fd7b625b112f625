package dev.atelier.testing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts connections on a local port and relays them to another: how the embedded Kafka answers on a fixed
 * port although the KRaft test kit picks its own (it ignores the one it is given). Clients only bootstrap
 * through it: the broker then advertises its own address, which they use from there on.
 */
final class PortForwarder implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private PortForwarder(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    static PortForwarder start(int port, InetSocketAddress target) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        PortForwarder forwarder = new PortForwarder(server, target);
        Thread.ofPlatform().daemon().name("forward-" + port).start(forwarder::accept);
        return forwarder;
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> connect(client));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void connect(Socket client) {
        open.add(client);
        try (client; Socket upstream = new Socket()) {
            open.add(upstream);
            upstream.connect(target, 5_000);
            Thread toUpstream = Thread.ofVirtual().start(() -> relay(client, upstream));
            relay(upstream, client);
            toUpstream.join();
        } catch (IOException e) {
            // the broker is gone or the client hung up: the client sees its connection close
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(client);
        }
    }

    /** Copies one direction; at its end closes both sides, which ends the other direction too. */
    private void relay(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(to);
            open.remove(from);
        }
    }

    private static void closeQuietly(Closeable socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        open.forEach(PortForwarder::closeQuietly);
    }
}
