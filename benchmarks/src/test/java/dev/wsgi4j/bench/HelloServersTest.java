package dev.wsgi4j.bench;

import dev.wsgi4j.netty.AppExecutor;
import dev.wsgi4j.netty.ExecutorKind;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import io.netty.channel.Channel;
import io.vertx.core.Vertx;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load test compares like with like only if every server gives the same answer: the same 13 bytes, the same
 * content type, a Content-Length, and the connection kept alive for the next request.
 */
class HelloServersTest {

    @ParameterizedTest
    @ValueSource(strings = {"raw-loop", "raw-pool", "wsgi4j-default", "wsgi4j-inline", "jetty", "vertx-loop",
            "vertx-blocking"})
    void everyServerAnswersTheSameHelloWithKeepAlive(String kind) throws Exception {
        int port = freePort();
        // One client, so the three requests share one keep-alive connection.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try (AutoCloseable server = start(kind, port)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .timeout(Duration.ofSeconds(10)).build();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("Hello, world!");
                assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
                assertThat(response.headers().firstValue("content-length")).hasValue("13");
                assertThat(response.headers().firstValue("connection")).isNotEqualTo(java.util.Optional.of("close"));
            }
        }
    }

    private static AutoCloseable start(String kind, int port) throws Exception {
        return switch (kind) {
            case "raw-loop" -> stopping(RawHelloServer.start(port, 2, false, null), null);
            case "raw-pool" -> {
                AppExecutor pool = AppExecutor.create(ServerConfig.defaults());
                yield stopping(RawHelloServer.start(port, 2, false, pool), pool);
            }
            case "wsgi4j-default" -> Wsgi4jHello.start(port, null);
            case "wsgi4j-inline" -> Wsgi4jHello.start(port, ExecutorKind.INLINE);
            case "jetty" -> {
                Server jetty = JettyHello.start(port);
                yield jetty::stop;
            }
            case "vertx-loop", "vertx-blocking" -> {
                Vertx vertx = VertxHello.start(port, 2, kind.equals("vertx-blocking"));
                yield () -> vertx.close().await();
            }
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static AutoCloseable stopping(Channel channel, AppExecutor pool) {
        return () -> {
            channel.close().sync();
            channel.eventLoop().parent().shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
            if (pool != null) {
                pool.shutdown(1000);
            }
        };
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
