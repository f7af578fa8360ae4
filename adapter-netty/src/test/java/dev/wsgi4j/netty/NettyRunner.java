package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.conformance.RequestWriter;
import dev.wsgi4j.netty.proxy.ProxySettings;
import dev.wsgi4j.testing.ApplicationRunner;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs {@link dev.wsgi4j.testing.ApplicationContract} against a real {@link GatewayServer} on an ephemeral port:
 * each request goes over a fresh socket, byte for byte as the {@link TestRequest} describes it, so nothing a client
 * library does hides what the server sent.
 */
final class NettyRunner implements ApplicationRunner, AutoCloseable {

    private final AtomicReference<Application> current = new AtomicReference<>();
    private final GatewayServer server;

    NettyRunner() throws InterruptedException {
        this(ServerConfig.defaults().proxy());
    }

    /** @param proxy the trusted proxies; loopback, where the requests come from, by default */
    NettyRunner(ProxySettings proxy) throws InterruptedException {
        server = new GatewayServer((env, sr) -> current.get().call(env, sr),
                ServerConfig.builder().host("127.0.0.1").port(0).proxy(proxy).build()).start();
    }

    @Override
    public TestResponse send(Application app, TestRequest request) throws Exception {
        current.set(app);
        try (RawHttp http = new RawHttp(server.port(), 30_000)) {
            writeRequest(http, request);
            RawHttp.Response r = http.read("HEAD".equals(request.method()));
            List<Header> headers = new ArrayList<>();
            for (Map.Entry<String, String> field : r.fields()) {
                headers.add(Header.of(field.getKey(), field.getValue()));
            }
            return TestResponse.of(r.status(), r.statusLine().substring(Math.min(13, r.statusLine().length())),
                    headers, r.body(), !r.complete());
        }
    }

    /** One request per socket: {@code Connection: close} unless the request names its own (the kit's writer). */
    private static void writeRequest(RawHttp http, TestRequest request) throws IOException {
        http.send(RequestWriter.write(request, true));
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(1));
    }
}
