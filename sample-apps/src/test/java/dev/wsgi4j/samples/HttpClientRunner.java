package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.GatewayServer;
import dev.wsgi4j.netty.ServerConfig;
import dev.wsgi4j.testing.ApplicationRunner;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends {@link TestRequest}s to a real {@link GatewayServer} on an ephemeral 127.0.0.1 port with
 * {@code java.net.http.HttpClient}, so the same suite that runs in-process also runs through a real client. The
 * server uses the default settings; only the application it serves changes per request.
 */
final class HttpClientRunner implements ApplicationRunner, AutoCloseable {

    private final AtomicReference<Application> current = new AtomicReference<>();
    private final GatewayServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();

    HttpClientRunner() throws InterruptedException {
        server = new GatewayServer((env, sr) -> current.get().call(env, sr),
                ServerConfig.builder().host("127.0.0.1").port(0).build()).start();
    }

    int port() {
        return server.port();
    }

    /** {@code http://127.0.0.1:port}, the origin every absolute URL from this server starts with. */
    String origin() {
        return "http://127.0.0.1:" + port();
    }

    HttpClient client() {
        return client;
    }

    @Override
    public TestResponse send(Application app, TestRequest request) throws Exception {
        current.set(app);
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(origin() + request.target()))
                .timeout(Duration.ofSeconds(60))
                .method(request.method(), publisher(request));
        for (Header h : request.headers()) {
            http.header(h.name(), h.value());
        }
        HttpResponse<byte[]> r = client.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
        List<Header> headers = new ArrayList<>();
        r.headers().map().forEach((name, values) -> values.forEach(v -> headers.add(Header.of(name, v))));
        return TestResponse.of(r.statusCode(), "", headers, r.body(), false);
    }

    private static BodyPublisher publisher(TestRequest request) {
        long length = request.bodyLength();
        if (length == 0) {
            return BodyPublishers.noBody();
        }
        BodyPublisher stream = BodyPublishers.ofInputStream(request::openBody);
        return length < 0 ? stream : BodyPublishers.fromPublisher(stream, length);
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(2));
    }
}
