package dk.brevrute.testinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PortsTest {

    /**
     * The bench picks a port per component before any of them starts, and the components open Kafka and
     * JDBC connections meanwhile: a kernel-picked port (from the ephemeral range) could be taken by one of
     * them, which is how a run once failed with "Port ... seems to be in use".
     */
    @Test
    void portsComeFromBelowTheEphemeralRangeAndAreNotHandedOutTwice() throws IOException {
        int ephemeralStart = Ports.ephemeralStart();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = Ports.free();
            assertTrue(port >= Ports.LOWEST && port < ephemeralStart, port + " outside " + Ports.LOWEST + "-" + ephemeralStart);
            assertTrue(seen.add(port), "port " + port + " handed out twice");
        }
        int port = Ports.free();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(port));
            assertEquals(port, server.getLocalPort());
            assertTrue(Ports.listening(port));
        }
    }

    @Test
    void aPortInUseIsNotHandedOut() throws IOException {
        // Hold a run of ports at the bottom of the range; none of them may come back.
        Set<Integer> held = new HashSet<>();
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int p = Ports.LOWEST; held.size() < 50 && p < Ports.LOWEST + 500; p++) {
                ServerSocket s = new ServerSocket();
                try {
                    s.bind(new InetSocketAddress(p));
                    sockets.add(s);
                    held.add(p);
                } catch (IOException taken) {
                    s.close();
                }
            }
            for (int i = 0; i < 500; i++) {
                int port = Ports.free();
                assertTrue(!held.contains(port), "port " + port + " is in use");
            }
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }
}
