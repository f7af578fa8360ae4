package dev.wsgi4j.testing;

import dev.wsgi4j.Application;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.gateway.ResponseDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Runs an application in-process, the way a server would (Werkzeug's {@code test.Client}): it builds the environ a
 * server builds and sends the response through the same {@link ResponseDriver} every server uses, so status,
 * headers, Content-Length, HEAD, error and abort handling are those of production. No socket, no threads: the
 * application runs on the calling thread.
 *
 * <pre>{@code
 * TestResponse r = new TestClient(app).followRedirects(true).post("/form", "a=1".getBytes());
 * }</pre>
 *
 * Instances are immutable and thread-safe; the {@code followRedirects} and {@code spoolThreshold} options return a
 * configured copy.
 */
public final class TestClient implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TestClient.class);
    /** The environ every server builds; {@code wsgi.errors} lines go to this client's log. */
    private static final EnvironBuilder ENVIRON = new EnvironBuilder(LOG);

    private final Application app;
    private final ResponseDriver driver;
    private final boolean debug;
    private final boolean followRedirects;
    private final int spoolThreshold;

    /** A client for {@link #send(Application, TestRequest)} only. */
    public TestClient() {
        this(null, false);
    }

    public TestClient(Application app) {
        this(app, false);
    }

    /** @param debug passed to {@link ResponseDriver}: 500 answers then carry the stack trace */
    public TestClient(Application app, boolean debug) {
        this(app, debug, false, BodySpool.DEFAULT_MEMORY_LIMIT);
    }

    private TestClient(Application app, boolean debug, boolean followRedirects, int spoolThreshold) {
        this.app = app;
        this.debug = debug;
        this.driver = new ResponseDriver(debug);
        this.followRedirects = followRedirects;
        this.spoolThreshold = spoolThreshold;
    }

    /** A copy that follows 301/302/303/307/308 on the same application, up to 10 hops. */
    public TestClient followRedirects(boolean follow) {
        return new TestClient(app, debug, follow, spoolThreshold);
    }

    /**
     * A copy that keeps response bodies up to {@code bytes} in memory and spools larger ones to a temp file; a
     * request body of unknown length is held the same way until the application has run.
     */
    public TestClient spoolThreshold(int bytes) {
        return new TestClient(app, debug, followRedirects, bytes);
    }

    public TestResponse get(String target) throws IOException {
        return send(TestRequest.get(target).build());
    }

    public TestResponse post(String target, byte[] body) throws IOException {
        return send(TestRequest.post(target, body).build());
    }

    /** Sends {@code request} to this client's application. */
    public TestResponse send(TestRequest request) throws IOException {
        if (app == null) {
            throw new IllegalStateException("this TestClient has no application; use send(app, request)");
        }
        return send(app, request);
    }

    @Override
    public TestResponse send(Application application, TestRequest request) throws IOException {
        Objects.requireNonNull(application, "application");
        TestResponse response = sendOnce(application, request);
        if (!followRedirects) {
            return response;
        }
        return Redirects.follow(request, response, next -> sendOnce(application, next));
    }

    /** One request, one response: exactly what a server does for one request on a connection. */
    TestResponse sendOnce(Application application, TestRequest request) throws IOException {
        CollectingTransport transport = new CollectingTransport(spoolThreshold);
        ReceivedBody body = receiveBody(request);
        WsgiInput input = new WsgiInput(body.stream(), body.length());
        try {
            // The environ is built inside the driver, as on the server: a target that does not decode is a 400.
            driver.run(application, request.method(), request.target(),
                    () -> ENVIRON.build(new TestRequestHead(request, body.length()), input), transport);
        } finally {
            input.close(); // The server's, not the app's: a server discards any unread body after the response.
        }
        return transport.response();
    }

    /**
     * The body as a server holds it before calling the application (SPEC.md §3.3): a body of unknown length (sent
     * chunked) is read whole first, in memory up to the spool threshold and in a temp file beyond, so its exact
     * length is known and becomes CONTENT_LENGTH, as on a server.
     */
    private ReceivedBody receiveBody(TestRequest request) throws IOException {
        if (request.bodyLength() >= 0) {
            return new ReceivedBody(request.openBody(), request.bodyLength());
        }
        BodySpool spool = new BodySpool(spoolThreshold);
        try (InputStream body = request.openBody(); spool) {
            body.transferTo(spool);
        } catch (IOException | RuntimeException e) {
            spool.discard();
            throw e;
        }
        return new ReceivedBody(spool.open(), spool.size());
    }

    private record ReceivedBody(InputStream stream, long length) {
    }
}
