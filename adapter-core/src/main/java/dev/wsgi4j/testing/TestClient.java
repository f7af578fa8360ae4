package dev.wsgi4j.testing;

import dev.wsgi4j.Application;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.gateway.DeploymentEnviron;
import dev.wsgi4j.gateway.EnvironBuilder;
import dev.wsgi4j.gateway.ProxyTrust;
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
 * TestClient client = new TestClient(app).followRedirects(true);
 * TestResponse r = client.send(TestRequest.post("/form").form(Map.of("message", "hi")));
 * }</pre>
 *
 * Like a browser, a client keeps the cookies its application sets in a {@link CookieJar} and sends them with later
 * requests and redirect hops; {@link #keepCookies keepCookies(false)} turns that off. The options return a
 * configured copy, which shares the jar; apart from the jar, instances are immutable, and all are thread-safe.
 */
public final class TestClient implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TestClient.class);
    /** The environ every server builds; {@code wsgi.errors} lines go to this client's log. */
    private static final EnvironBuilder ENVIRON = new EnvironBuilder(LOG);
    private static final String OCTET_STREAM = "application/octet-stream";

    private final Application app;
    private final ResponseDriver driver;
    private final boolean debug;
    private final boolean followRedirects;
    private final int spoolThreshold;
    /** Null when cookies are not kept. */
    private final CookieJar jar;
    /** The environ this client builds: the shared one, or one with a deployment's pairs (SPEC.md §3.13). */
    private final EnvironBuilder environ;
    /** Held around each application call when the client is single-threaded; null otherwise. */
    private final Object callLock;

    /** A client for {@link #send(Application, TestRequest)} only. */
    public TestClient() {
        this(null, false);
    }

    public TestClient(Application app) {
        this(app, false);
    }

    /** @param debug passed to {@link ResponseDriver}: 500 answers then carry the stack trace */
    public TestClient(Application app, boolean debug) {
        this(app, debug, false, BodySpool.DEFAULT_MEMORY_LIMIT, new CookieJar(), ENVIRON, null);
    }

    private TestClient(Application app, boolean debug, boolean followRedirects, int spoolThreshold, CookieJar jar,
            EnvironBuilder environ, Object callLock) {
        this.app = app;
        this.debug = debug;
        this.driver = new ResponseDriver(debug);
        this.followRedirects = followRedirects;
        this.spoolThreshold = spoolThreshold;
        this.jar = jar;
        this.environ = environ;
        this.callLock = callLock;
    }

    private TestClient with(boolean follow, int threshold, CookieJar cookies) {
        return new TestClient(app, debug, follow, threshold, cookies, environ, callLock);
    }

    /** A copy that follows 301/302/303/307/308 on the same application, up to 10 hops. */
    public TestClient followRedirects(boolean follow) {
        return with(follow, spoolThreshold, jar);
    }

    /**
     * A copy that keeps response bodies up to {@code bytes} in memory and spools larger ones to a temp file; a
     * request body of unknown length is held the same way until the application has run.
     */
    public TestClient spoolThreshold(int bytes) {
        return with(followRedirects, bytes, jar);
    }

    /** A copy that keeps cookies (in this client's jar, or a new one) or, with {@code false}, keeps none. */
    public TestClient keepCookies(boolean keep) {
        return with(followRedirects, spoolThreshold, keep ? jarOrNew() : null);
    }

    /** A copy that keeps cookies in {@code cookieJar}: one shared with another client, or one on a test clock. */
    public TestClient cookieJar(CookieJar cookieJar) {
        return with(followRedirects, spoolThreshold, Objects.requireNonNull(cookieJar));
    }

    /**
     * A copy that adds {@code deployment}'s pairs to every environ and sets {@code wsgi.multithread} from it, as a
     * server configured with {@code --environ NAME=VALUE} does (SPEC.md §3.13). With {@code multithread} false, the
     * copy also calls its application on one thread at a time: concurrent sends wait their turn, as on a server's
     * {@code single} executor.
     */
    public TestClient deployment(DeploymentEnviron deployment) {
        EnvironBuilder builder = new EnvironBuilder(LOG, ProxyTrust.NOBODY, false, deployment);
        return new TestClient(app, debug, followRedirects, spoolThreshold, jar, builder,
                deployment.multithread() ? null : new Object());
    }

    /** The jar this client keeps cookies in, or null after {@code keepCookies(false)}. */
    public CookieJar cookieJar() {
        return jar;
    }

    private CookieJar jarOrNew() {
        return jar != null ? jar : new CookieJar();
    }

    public TestResponse get(String target) throws IOException {
        return send(TestRequest.get(target).build());
    }

    /**
     * POSTs {@code body} as {@code application/octet-stream}, the type of bytes that claim no other (RFC 9110
     * §8.3): a form, JSON or upload needs its own type, which {@link TestRequest.Builder#form},
     * {@link TestRequest.Builder#json} and {@link TestRequest.Builder#multipart} set.
     */
    public TestResponse post(String target, byte[] body) throws IOException {
        return send(TestRequest.post(target, body).contentType(OCTET_STREAM));
    }

    /** PUTs {@code body} as {@code application/octet-stream} (see {@link #post(String, byte[])}). */
    public TestResponse put(String target, byte[] body) throws IOException {
        return send(TestRequest.request("PUT", target).body(body).contentType(OCTET_STREAM));
    }

    /** PATCHes with {@code body} as {@code application/octet-stream} (see {@link #post(String, byte[])}). */
    public TestResponse patch(String target, byte[] body) throws IOException {
        return send(TestRequest.request("PATCH", target).body(body).contentType(OCTET_STREAM));
    }

    public TestResponse delete(String target) throws IOException {
        return send(TestRequest.request("DELETE", target));
    }

    /** A HEAD request: the application sees {@code REQUEST_METHOD=HEAD}; the body it returns is not sent. */
    public TestResponse head(String target) throws IOException {
        return send(TestRequest.request("HEAD", target));
    }

    public TestResponse options(String target) throws IOException {
        return send(TestRequest.request("OPTIONS", target));
    }

    /** Builds and sends {@code request}: {@code client.send(TestRequest.post("/f").form(fields))}. */
    public TestResponse send(TestRequest.Builder request) throws IOException {
        return send(request.build());
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
        TestResponse response = exchange(application, request);
        if (!followRedirects) {
            return response;
        }
        return Redirects.follow(request, response, next -> exchange(application, next));
    }

    /** One request with the jar's cookies, whose response's cookies go into the jar. */
    private TestResponse exchange(Application application, TestRequest request) throws IOException {
        if (jar == null) {
            return sendOnce(application, request);
        }
        TestResponse response = sendOnce(application, jar.attachTo(request));
        jar.receive(request, response);
        return response;
    }

    /** One request, one response: exactly what a server does for one request on a connection. */
    TestResponse sendOnce(Application application, TestRequest request) throws IOException {
        CollectingTransport transport = new CollectingTransport(spoolThreshold);
        ReceivedBody body = receiveBody(request);
        WsgiInput input = new WsgiInput(body.stream(), body.length());
        try {
            // The environ is built inside the driver, as on the server: a target that does not decode is a 400.
            if (callLock == null) {
                run(application, request, body.length(), input, transport);
            } else {
                synchronized (callLock) {
                    run(application, request, body.length(), input, transport);
                }
            }
        } finally {
            input.close(); // The server's, not the app's: a server discards any unread body after the response.
        }
        return transport.response();
    }

    private void run(Application application, TestRequest request, long bodyLength, WsgiInput input,
            CollectingTransport transport) {
        driver.run(application, request.method(), request.target(),
                () -> environ.build(new TestRequestHead(request, bodyLength), input), transport);
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
