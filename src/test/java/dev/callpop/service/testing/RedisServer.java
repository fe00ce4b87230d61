package dev.callpop.service.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Redis for the tests: Debian's {@code redis-server} on a free loopback port, without persistence, installed
 * with {@code apt-get} when missing ({@link DebianPackages}). A test
 * stops it, hangs it or starts it again on the same port. Close it after the tests.
 */
public final class RedisServer implements AutoCloseable {

    private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");
    /** The setting the service reads the URL from. */
    public static final String URL_KEY = "callpop.call-logs.redis-url";

    private final int port;
    private final Path dir;
    private Process process;

    private RedisServer(int port) throws IOException {
        this.port = port;
        this.dir = Files.createTempDirectory("callpop-redis");
    }

    /** @return a running Redis on a free loopback port */
    public static RedisServer start() throws IOException, InterruptedException {
        return start(freePort());
    }

    /**
     * @param port the loopback port
     * @return a running Redis on it
     */
    public static RedisServer start(int port) throws IOException, InterruptedException {
        DebianPackages.ensure(REDIS_SERVER, "redis-server", "The Redis tests");
        RedisServer server = new RedisServer(port);
        server.restart();
        return server;
    }

    /** @return the URL the service is given */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** @return its port */
    public int port() {
        return port;
    }

    /** Starts it again on the same port (after {@link #stop}), empty, and waits until it answers. */
    public void restart() throws IOException, InterruptedException {
        process = new ProcessBuilder(REDIS_SERVER.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", dir.toString(), "--daemonize", "no")
                .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        Process started = process;
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!started.isAlive()) {
                throw new IllegalStateException("redis-server did not start on port " + port + ": " + Files.readString(dir.resolve("redis.log")));
            }
            return "+PONG".equals(command(port, "PING"));
        });
    }

    /** Stops it (a paused one too): connections are refused until {@link #restart}. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** Hangs it (SIGSTOP): it accepts connections and answers nothing until {@link #resume}. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** Lets a {@link #pause paused} server answer again. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " failed");
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /**
     * Stops whichever Redis listens on this port (one a test started again, say), without a handle on it.
     *
     * @param port the port
     */
    public static void shutDown(int port) {
        command(port, "SHUTDOWN", "NOSAVE");
    }

    /**
     * Holds every client's commands for a while (CLIENT PAUSE … ALL): they are queued, then run when it ends, as on a
     * Redis too busy to answer in time.
     *
     * @param port   the Redis's port
     * @param millis how long
     */
    public static void pauseClients(int port, long millis) {
        if (!"+OK".equals(command(port, "CLIENT", "PAUSE", Long.toString(millis), "ALL"))) {
            throw new IllegalStateException("CLIENT PAUSE failed on port " + port);
        }
    }

    /**
     * Whether this Redis holds a key now.
     *
     * @param key the key
     * @return {@code true} when it holds it
     */
    public boolean holds(String key) {
        return ":1".equals(command(port(), "EXISTS", key));
    }

    /** The first line of Redis's answer to a command, or {@code null} when nothing answers. */
    private static String command(int port, String... words) {
        StringBuilder request = new StringBuilder("*" + words.length + "\r\n");
        for (String word : words) {
            request.append('$').append(word.length()).append("\r\n").append(word).append("\r\n");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                line.append((char) c);
            }
            return line.toString();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The port of the Redis the running application was given ({@value #URL_KEY}).
     *
     * @return the port
     */
    public static int configuredPort() {
        return URI.create(ConfigProvider.getConfig().getValue(URL_KEY, String.class)).getPort();
    }

    /** @return a free loopback port */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A Redis for a {@code @QuarkusTest}: started before the application, its URL given as {@value #URL_KEY}. A test
     * stops it with {@link RedisServer#shutDown}({@link RedisServer#configuredPort()}) and starts it again with
     * {@link RedisServer#start(int)}; whichever runs on the port at the end is stopped.
     */
    public static final class Resource implements QuarkusTestResourceLifecycleManager {
        private RedisServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = RedisServer.start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return Map.of(URL_KEY, server.url());
        }

        @Override
        public void stop() {
            if (server != null) {
                shutDown(server.port());
                try {
                    server.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
