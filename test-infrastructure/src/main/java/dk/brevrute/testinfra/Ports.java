package dk.brevrute.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port helpers. */
public final class Ports {

    /** The lowest port {@link #free()} hands out. */
    static final int LOWEST = 10_000;
    /** Where the kernel's ephemeral range starts when it cannot be read (Linux's default; other systems start higher). */
    private static final int EPHEMERAL_DEFAULT = 32_768;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /**
     * A port that is free right now, for a server to be started on it a moment later. It is taken below
     * the kernel's ephemeral range ({@code ip_local_port_range}), at random: a port the kernel picked
     * (bind to port 0) is one it also gives to outgoing connections, and every Kafka and JDBC connection
     * opened before the server binds could take it. A port is handed out once per JVM.
     */
    public static int free() {
        int high = ephemeralStart();
        if (high - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < 100; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, high);
                if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        // No range below the ephemeral one, or all tries taken: let the kernel pick.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** The first port of the kernel's ephemeral range. */
    static int ephemeralStart() {
        try {
            // By line: Files.readString gets only the first byte of this sysctl file (it reports size 0).
            String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim().split("\\s+");
            return Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException e) {
            return EPHEMERAL_DEFAULT;
        }
    }

    /** Whether a server could listen on {@code port} on every address (as the services do). */
    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
