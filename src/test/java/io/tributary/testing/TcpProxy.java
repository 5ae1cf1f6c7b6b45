package io.tributary.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A loopback TCP proxy for fault injection: clients connect to {@link #port()}, each connection is
 * forwarded to {@code 127.0.0.1:target}. The test can {@link #cut()} it (close every connection, as a
 * network failure or a firewall reset does), {@link #stall()} it (accept and keep connections but forward
 * nothing: a black hole, as a partition looks to both ends) and {@link #restore()} it.
 *
 * <p>One selector thread does all the work (java.nio, non-blocking); while cut, new connections are
 * accepted and closed at once. {@link #close()} stops the thread, waiting a bounded time, and closes every
 * socket. Thread-safe: the control methods may be called from any thread.
 */
public final class TcpProxy implements AutoCloseable {

    /** How the proxy treats traffic. */
    public enum Mode {
        /** Forwards both ways. */
        FORWARD,
        /** Keeps connections open, forwards nothing. */
        STALL,
        /** Closes every connection and refuses new ones. */
        CUT
    }

    private static final String HOST = "127.0.0.1";
    private static final int BUFFER = 64 * 1024;
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final int target;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread loop;
    private final List<Link> links = new ArrayList<>();
    private volatile Mode mode = Mode.FORWARD;
    private volatile boolean closed;

    /** A pair of sockets forwarded to each other, and what each side has read but not yet written. */
    private static final class Link {
        final SocketChannel client;
        final SocketChannel broker;
        final ByteBuffer toBroker = ByteBuffer.allocate(BUFFER);
        final ByteBuffer toClient = ByteBuffer.allocate(BUFFER);

        Link(SocketChannel client, SocketChannel broker) {
            this.client = client;
            this.broker = broker;
        }
    }

    /**
     * Starts a proxy listening on {@code 127.0.0.1:port} (0 for any free port) that forwards to
     * {@code 127.0.0.1:target}.
     */
    public TcpProxy(int port, int target) {
        this.target = target;
        try {
            this.selector = Selector.open();
            this.server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(HOST, port));
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + HOST + ":" + port, e);
        }
        this.loop = new Thread(this::run, "tcp-proxy-" + port() + "-to-" + target);
        loop.setDaemon(true);
        loop.start();
    }

    /** The port clients connect to. */
    public int port() {
        return server.socket().getLocalPort();
    }

    /** Closes every connection now and refuses new ones until {@link #restore()}. */
    public void cut() {
        setMode(Mode.CUT);
    }

    /** Stops forwarding; connections stay open, and new ones are accepted but get nothing through. */
    public void stall() {
        setMode(Mode.STALL);
    }

    /** Forwards again (connections kept through a stall resume; cut ones stay closed). */
    public void restore() {
        setMode(Mode.FORWARD);
    }

    /** The current mode. */
    public Mode mode() {
        return mode;
    }

    /** Connections currently open through the proxy. */
    public synchronized int connections() {
        return links.size();
    }

    private void setMode(Mode m) {
        mode = m;
        selector.wakeup();
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeAll();
        quietly(server);
        try {
            selector.close();
        } catch (IOException e) {
            // nothing is left to release
        }
    }

    private void run() {
        try {
            while (!closed) {
                selector.select(100);
                if (mode == Mode.CUT) {
                    closeAll();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    handle(key);
                }
                selector.selectedKeys().clear();
                updateInterest();
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                throw new IllegalStateException("the proxy to port " + target + " failed", e);
            }
        }
    }

    private void handle(SelectionKey key) throws IOException {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            accept();
            return;
        }
        Link link = (Link) key.attachment();
        SocketChannel channel = (SocketChannel) key.channel();
        try {
            if (key.isConnectable() && channel.finishConnect()) {
                key.interestOps(0);
            }
            if (mode != Mode.FORWARD) {
                return;
            }
            boolean fromClient = channel == link.client;
            ByteBuffer in = fromClient ? link.toBroker : link.toClient;
            if (key.isReadable() && channel.read(in) < 0) {
                drop(link);
                return;
            }
            flush(link.toBroker, link.broker);
            flush(link.toClient, link.client);
        } catch (IOException e) {
            drop(link);
        }
    }

    private void accept() throws IOException {
        SocketChannel client = server.accept();
        if (client == null) {
            return;
        }
        if (mode == Mode.CUT) {
            quietly(client);
            return;
        }
        SocketChannel broker = SocketChannel.open();
        try {
            broker.configureBlocking(false);
            client.configureBlocking(false);
            broker.connect(new InetSocketAddress(HOST, target));
        } catch (IOException e) {
            quietly(client);
            quietly(broker);
            return;
        }
        Link link = new Link(client, broker);
        synchronized (this) {
            links.add(link);
        }
        client.register(selector, 0, link);
        broker.register(selector, SelectionKey.OP_CONNECT, link);
    }

    /** Reads while forwarding and there is room, writes while data waits; nothing while stalled. */
    private void updateInterest() {
        for (SelectionKey key : selector.keys()) {
            if (!key.isValid() || key.attachment() == null) {
                continue;
            }
            Link link = (Link) key.attachment();
            SocketChannel channel = (SocketChannel) key.channel();
            if (channel.isConnectionPending()) {
                continue;
            }
            int ops = 0;
            if (mode == Mode.FORWARD) {
                boolean fromClient = channel == link.client;
                ByteBuffer in = fromClient ? link.toBroker : link.toClient;
                ByteBuffer out = fromClient ? link.toClient : link.toBroker;
                if (in.hasRemaining() && link.broker.isConnected()) {
                    ops |= SelectionKey.OP_READ;
                }
                if (out.position() > 0) {
                    ops |= SelectionKey.OP_WRITE;
                }
            }
            key.interestOps(ops);
        }
    }

    private static void flush(ByteBuffer buffer, SocketChannel to) throws IOException {
        if (buffer.position() == 0 || !to.isConnected()) {
            return;
        }
        buffer.flip();
        to.write(buffer);
        buffer.compact();
    }

    private synchronized void closeAll() {
        for (Link link : List.copyOf(links)) {
            drop(link);
        }
    }

    private synchronized void drop(Link link) {
        links.remove(link);
        quietly(link.client);
        quietly(link.broker);
    }

    private static void quietly(java.nio.channels.Channel c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing a socket the other side already dropped
        }
    }
}
