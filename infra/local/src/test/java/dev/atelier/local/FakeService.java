package dev.atelier.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A stand-in for a service's process, run by the launcher under test in a JVM of its own. {@code ready} answers
 * its readiness probe on {@code SERVER_PORT} and shows the environment it was given at {@code /environment};
 * {@code ready-with-child} also starts a process of its own; {@code never-ready} answers "out of service";
 * {@code fail} writes a long start-up log and exits with code 3; {@code ready-recording} writes the file named by
 * its last argument when it exits, as a JVM recording its start-up cache does.
 */
public final class FakeService {

    static final String FAILURE_LINE = "APPLICATION FAILED TO START: the fake service was told to fail";
    static final int FAILURE_LOG_LINES = 60;

    private FakeService() {
    }

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        if (mode.equals("fail")) {
            for (int line = 1; line <= FAILURE_LOG_LINES; line++) {
                System.out.println("starting line " + line);
            }
            System.err.println(FAILURE_LINE);
            System.exit(3);
        }
        if (mode.equals("ready-with-child")) {
            Process child = new ProcessBuilder("sleep", "600").start();
            System.out.println("child pid " + child.pid());
        }
        if (mode.equals("ready-recording")) {
            java.nio.file.Path recording = java.nio.file.Path.of(args[args.length - 1]);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    java.nio.file.Files.writeString(recording, "classes of the fake service");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        boolean ready = !mode.equals("never-ready");
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", Integer.parseInt(System.getenv("SERVER_PORT"))), 0);
        server.createContext(Readiness.PATH, exchange -> respond(exchange, ready ? 200 : 503,
                ready ? "{\"status\":\"UP\"}" : "{\"status\":\"OUT_OF_SERVICE\"}"));
        server.createContext("/environment", exchange -> respond(exchange, 200, environment(args)));
        server.start();
        System.out.println("fake service listening on " + server.getAddress());
    }

    private static String environment(String[] args) {
        Map<String, String> shown = new TreeMap<>(System.getenv());
        shown.keySet().removeIf(name -> !name.startsWith("SPRING_") && !name.startsWith("ATELIER_")
                && !name.startsWith("SERVER_") && !name.startsWith("MANAGEMENT_"));
        return shown.entrySet().stream().map(entry -> entry.getKey() + "=" + entry.getValue())
                .collect(Collectors.joining("\n", "", "\nargs=" + String.join(" ", Arrays.asList(args)) + "\n"));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
