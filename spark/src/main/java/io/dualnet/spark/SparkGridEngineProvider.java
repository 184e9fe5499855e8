package io.dualnet.spark;

import io.dualnet.data.InvalidInputException;
import io.dualnet.experiment.GridEngine;
import io.dualnet.experiment.GridEngineProvider;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Makes {@link SparkGridEngine} available to the app's {@code --spark MASTER} through {@link java.util.ServiceLoader}. */
public final class SparkGridEngineProvider implements GridEngineProvider {

    @Override
    public String name() {
        return "spark";
    }

    /**
     * @param master a Spark master URL ({@code local}, {@code local[N]}, {@code local[*]}, {@code spark://host:port},
     *               {@code yarn}, {@code k8s://...}) or {@code submit} for the one {@code spark-submit} was given
     */
    @Override
    public GridEngine open(String master) {
        if (master == null || master.isBlank() || master.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidInputException("--spark", master,
                    "a Spark master URL (local[2], spark://host:7077, yarn, ...) or 'submit' under spark-submit");
        }
        if (master.startsWith("spark://")) {
            requireReachable(master);
        }
        return new SparkGridEngine(master);
    }

    /** How long the check waits for a standalone master to accept a connection. */
    static final int CONNECT_MILLIS = 3_000;

    /**
     * Checks that some master of {@code spark://host:port[,host:port...]} accepts a TCP connection, so that a wrong
     * address stops before any work instead of Spark retrying for a minute.
     */
    static void requireReachable(String master) {
        String[] addresses = master.substring("spark://".length()).split(",");
        for (String address : addresses) {
            int colon = address.lastIndexOf(':');
            int port;
            try {
                port = colon < 1 ? -1 : Integer.parseInt(address.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65_535) {
                throw new InvalidInputException("--spark", master, "spark://HOST:PORT (the standalone master's "
                        + "address, e.g. spark://127.0.0.1:7077)");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(address.substring(0, colon), port), CONNECT_MILLIS);
                return;
            } catch (IOException e) {
                // try the next master
            }
        }
        throw new InvalidInputException("--spark", master, "a running Spark standalone master (nothing accepted a "
                + "connection at " + String.join(", ", addresses) + ")");
    }
}
