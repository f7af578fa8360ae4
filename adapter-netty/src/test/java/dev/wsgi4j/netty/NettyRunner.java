package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.proxy.ProxySettings;
import dev.wsgi4j.testing.ApplicationRunner;
import dev.wsgi4j.testing.TestRequest;
import dev.wsgi4j.testing.TestResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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

    private static void writeRequest(RawHttp http, TestRequest request) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(' ')
                .append(request.protocol()).append("\r\n");
        boolean hasHost = false;
        boolean hasConnection = false;
        for (Header h : request.headers()) {
            hasHost |= h.is("Host");
            hasConnection |= h.is("Connection");
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        if (!hasHost && request.host() != null) {
            head.append("Host: ").append(request.host()).append("\r\n");
        }
        long length = request.bodyLength();
        boolean chunked = length < 0;
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (length > 0) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        // One request per socket; a request that names its own Connection header keeps it alone.
        head.append(hasConnection ? "\r\n" : "Connection: close\r\n\r\n");
        http.send(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (length == 0) {
            return;
        }
        OutputStream out = http.socket().getOutputStream();
        try (InputStream body = request.openBody()) {
            byte[] buf = new byte[64 * 1024];
            for (int n = body.read(buf); n > 0; n = body.read(buf)) {
                if (chunked) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.write(buf, 0, n);
                if (chunked) {
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
        if (chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(1));
    }
}
