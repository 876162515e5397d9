package io.cloudimages.ims.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP forwarder between the function and its database, so a test can cut the database off (every
 * connection reset, new ones refused) and bring it back, without touching the database itself.
 */
public final class TcpProxy implements AutoCloseable {
    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket server;
    /** While set, connections are accepted but no byte is forwarded: a database that stalls. */
    private volatile boolean stalled;

    public TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        ServerSocket first = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = first.getLocalPort();
        start(first);
    }

    public int port() {
        return port;
    }

    /** Resets every open connection and refuses new ones. */
    public synchronized void cut() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        open.clear();
    }

    /** Accepts connections again on the same port. */
    public synchronized void restore() throws IOException {
        ServerSocket again = new ServerSocket();
        again.setReuseAddress(true);
        again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        start(again);
    }

    /**
     * Follows a system property ("open", "cut" or "stall") and acknowledges each change in {@code key + ".ack"}. A Quarkus
     * test profile and the test run in different class loaders; plain string properties are what both share.
     */
    public void followSystemProperty(String key) {
        System.setProperty(key, "open");
        System.setProperty(key + ".ack", "open");
        Thread watcher = new Thread(() -> {
            String state = "open";
            while (true) {
                String wanted = System.getProperty(key, "open");
                try {
                    if (!wanted.equals(state)) {
                        if (wanted.equals("cut")) {
                            cut();
                        } else if (wanted.equals("stall")) {
                            stalled = true;
                        } else if (state.equals("stall")) {
                            stalled = false;
                        } else {
                            restore();
                        }
                        state = wanted;
                        System.setProperty(key + ".ack", state);
                    }
                    Thread.sleep(5);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "tcp-proxy-control");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Asks the proxy following {@code key} to change state, and waits until it has. */
    public static void request(String key, String state) {
        System.setProperty(key, state);
        long deadline = System.currentTimeMillis() + 5000;
        while (!state.equals(System.getProperty(key + ".ack")) && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        if (!state.equals(System.getProperty(key + ".ack"))) {
            throw new IllegalStateException("the database proxy did not acknowledge " + state);
        }
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private void start(ServerSocket socket) {
        server = socket;
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    return;
                }
            }
        }, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    while (stalled && !to.isClosed()) {
                        Thread.sleep(10);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException ignored) {
                // Either side closed.
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // Closing anyway.
                }
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }
}
