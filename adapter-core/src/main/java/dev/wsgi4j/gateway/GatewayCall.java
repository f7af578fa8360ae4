package dev.wsgi4j.gateway;

import dev.wsgi4j.Application;
import dev.wsgi4j.EarlyHints;
import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;
import dev.wsgi4j.Write;
import dev.wsgi4j.http.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Flushable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * One request's trip through {@link ResponseDriver}: call the application, pick the body's path (file, known
 * length, or streamed), keep the Content-Length promise, and handle errors before and after the head went out.
 * <p>It is also the request's {@code wsgi.early_hints} and {@code wsgi4j.client_disconnected} (a
 * {@link BooleanSupplier} asking {@link ResponseTransport#clientGone()}), as it is its write callable: no object
 * per request for either.
 */
final class GatewayCall implements Write, EarlyHints, BooleanSupplier {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseDriver.class);

    private final Application app;
    private final EnvironSource environSource;
    private Map<String, Object> environ;
    private final ResponseTransport transport;
    private final ErrorOutput errorOutput;
    private final ResponseState state = new ResponseState(this);
    private final boolean headRequest;
    /** Formats itself only when something is logged. */
    private final Object requestLine;
    private long bytesSent;
    /** Set when the transport, not the application, failed: the client went away mid-response. */
    private IOException transportFailure;
    private boolean overrunLogged;
    /** Set once the response is complete or handed to an error: write() may no longer reach the transport. */
    private volatile boolean ended;

    GatewayCall(Application app, Map<String, Object> environ, ResponseTransport transport, ErrorOutput errorOutput) {
        this.app = app;
        this.environSource = () -> environ;
        this.transport = transport;
        this.errorOutput = errorOutput;
        this.headRequest = "HEAD".equals(environ.get(Environ.REQUEST_METHOD));
        this.requestLine = RequestLine.of(environ);
    }

    GatewayCall(Application app, String method, String target, EnvironSource environSource,
            ResponseTransport transport, ErrorOutput errorOutput) {
        this.app = app;
        this.environSource = environSource;
        this.transport = transport;
        this.errorOutput = errorOutput;
        this.headRequest = "HEAD".equals(method);
        this.requestLine = RequestLine.of(method, target);
    }

    void run() {
        Iterable<byte[]> body = null;
        boolean handedOver = false;
        Object errors = null;
        try {
            environ = environSource.build();
            environ.put(Environ.WSGI_EARLY_HINTS, this); // itself, as it is write(): no object per request
            environ.put(Environ.WSGI4J_CLIENT_DISCONNECTED, this);
            errors = environ.get(Environ.WSGI_ERRORS);
            body = app.call(environ, state);
            if (body == null) {
                throw new IllegalStateException("[S-4.5] the application returned null instead of an iterable");
            }
            if (!state.headersSent() && state.isStarted() && body instanceof FileWrapper file && file.count() >= 0) {
                handedOver = true;
                sendFile(file);
            } else if (!state.headersSent() && body instanceof Collection<?>) {
                sendCollection(body);
            } else {
                stream(body);
            }
        } catch (Throwable t) {
            fail(t);
        } finally {
            ended = true;
            if (!handedOver) {
                closeQuietly(body, requestLine);
            }
            if (errors instanceof Flushable flushable) {
                flushErrors(flushable);
            }
        }
    }

    /** {@code wsgi.early_hints}: checked like response headers; nothing once the head went out (gunicorn's rule). */
    @Override
    public void send(List<Header> headers) throws IOException {
        HeaderRules.check(headers);
        if (!ended && !state.headersSent()) {
            transport.sendEarlyHints(List.copyOf(headers));
        }
    }

    /** {@code wsgi4j.client_disconnected}: the transport's word, from any thread the application asks on. */
    @Override
    public boolean getAsBoolean() {
        return transport.clientGone();
    }

    /** A last wsgi.errors line the application left without its newline still reaches the log. */
    private void flushErrors(Flushable errors) {
        try {
            errors.flush();
        } catch (IOException e) {
            LOG.debug("{}: flushing wsgi.errors failed", requestLine, e);
        }
    }

    private void sendFile(FileWrapper file) throws IOException {
        AtomicBoolean closed = new AtomicBoolean();
        Runnable onDone = () -> {
            if (closed.compareAndSet(false, true)) {
                closeQuietly(file, requestLine);
            }
        };
        try {
            long declared = state.declaredLength();
            long count = declared >= 0 ? Math.min(declared, file.count()) : file.count();
            if (declared > file.count()) {
                LOG.warn("{}: Content-Length {} but the file has only {} bytes", requestLine, declared, file.count());
            }
            ResponseHead head = head(file.count());
            state.markHeadersSent();
            transport.sendFile(head, file, head.omitBody() ? 0 : count, onDone);
            if (declared > file.count() && !head.omitBody()) {
                transport.abort(new IOException("file shorter than Content-Length"));
            }
        } catch (Throwable t) {
            onDone.run();
            throw t;
        }
    }

    private void sendCollection(Iterable<byte[]> body) throws IOException {
        // size() only presizes the list: the chunks actually iterated decide the length, so a lying size() is harmless.
        int expected = ((Collection<?>) body).size();
        List<byte[]> chunks = new ArrayList<>(Math.max(0, Math.min(expected, 1024)));
        long total = 0;
        for (byte[] chunk : body) {
            chunks.add(requireChunk(chunk));
            total += chunk.length;
        }
        state.requireStarted();
        long declared = state.declaredLength();
        if (state.headersSent() || (declared >= 0 && declared != total)) {
            // write() was used, or the length is wrong: stream it so the Content-Length promise is kept.
            for (byte[] chunk : chunks) {
                write(chunk);
            }
            finishStream();
            return;
        }
        ResponseHead head = head(total);
        state.markHeadersSent();
        transport.sendFull(head, head.omitBody() ? List.of() : chunks);
    }

    private void stream(Iterable<byte[]> body) throws IOException {
        Iterator<byte[]> chunks = body.iterator();
        if (headRequest) {
            // HEAD: iterate only until the head is known; the body would be thrown away anyway.
            while (!state.isStarted() && !transport.clientGone() && chunks.hasNext()) {
                requireChunk(chunks.next());
            }
        } else {
            // Stop once nothing more can be sent (the body is complete, or the client gone: SPEC.md §4.5): iterating
            // on would only burn time (or never end) for nothing. So after the client is seen gone, no block is
            // taken but the one being made while it went.
            while (!bodyComplete() && !transport.clientGone() && chunks.hasNext()) {
                byte[] chunk = requireChunk(chunks.next());
                if (chunk.length > 0) {
                    write(chunk);
                }
            }
        }
        if (transport.clientGone()) {
            if (!transport.superseded()) {
                LOG.info("{}: client went away; the body is not iterated further", requestLine);
            }
            ended = true;
            transport.abort(new IOException("client gone"));
            return;
        }
        finishStream();
    }

    /** True once the head went out and no further body byte may follow (no body allowed, or Content-Length met). */
    private boolean bodyComplete() {
        if (!state.headersSent()) {
            return false;
        }
        long declared = state.declaredLength();
        return omitBody() || (declared >= 0 && bytesSent >= declared);
    }

    private void finishStream() throws IOException {
        long declared = state.declaredLength();
        if (!state.headersSent()) {
            state.requireStarted();
            if (declared <= 0 || headRequest || state.status().forbidsBody()) {
                ResponseHead head = head(headRequest ? -1 : 0);
                state.markHeadersSent();
                transport.sendFull(head, List.of());
                return;
            }
            sendHead();
        }
        if (declared >= 0 && bytesSent < declared && !omitBody()) {
            LOG.warn("{}: Content-Length {} but the body ended after {} bytes; closing", requestLine, declared,
                    bytesSent);
            transport.abort(new IOException("body shorter than Content-Length"));
            return;
        }
        transport.finish();
    }

    /** The legacy write callable, and the path every streamed chunk takes. */
    @Override
    public void write(byte[] data) throws IOException {
        if (ended) {
            // A kept write callable, or one used from close(): the transport has already seen the response's end.
            throw new IllegalStateException("[S-4.4] write() called after the response ended");
        }
        requireChunk(data);
        if (!state.headersSent()) {
            sendHead();
        }
        if (omitBody() || data.length == 0) {
            return;
        }
        long declared = state.declaredLength();
        if (declared >= 0 && bytesSent + data.length > declared) {
            if (!overrunLogged) {
                overrunLogged = true;
                LOG.warn("{}: the body is longer than its Content-Length {}; extra bytes dropped", requestLine,
                        declared);
            }
            data = Arrays.copyOf(data, (int) (declared - bytesSent));
            if (data.length == 0) {
                return;
            }
        }
        bytesSent += data.length;
        try {
            transport.sendChunk(data);
        } catch (IOException clientGone) {
            transportFailure = clientGone;
            throw clientGone;
        }
    }

    private void sendHead() throws IOException {
        state.requireStarted();
        ResponseHead head = head(state.declaredLength());
        state.markHeadersSent();
        transport.sendHead(head);
    }

    private boolean omitBody() {
        return headRequest || state.status().forbidsBody();
    }

    private ResponseHead head(long knownLength) {
        return withRequestId(state.head(knownLength, omitBody()));
    }

    /** The request's id echoed, when the server gives ids (SPEC.md §3.12) and the application sent none itself. */
    private ResponseHead withRequestId(ResponseHead head) {
        Object id = environ == null ? null : environ.get(RequestIds.KEY);
        return id == null ? head : head.withDefault(RequestIds.HEADER, id.toString());
    }

    /** Closes an {@link AutoCloseable} body, logging instead of throwing: the response is already decided. */
    static void closeQuietly(Object body, Object requestLine) {
        if (body instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("{}: closing the response body failed", requestLine, e);
            }
        }
    }

    private void fail(Throwable t) {
        ended = true;
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt(); // the thread's owner (the server's executor) decides what it means
        }
        if (transport.superseded()) {
            // The server answered on its own (a request timeout) and interrupted the call: its failure is expected.
            LOG.debug("{}: after the server answered in its place: {}", requestLine, t.toString());
            return;
        }
        if (t instanceof GatewayException ge && ge.status() >= 400 && ge.status() < 500 && !state.headersSent()) {
            LOG.info("{}: {} {}", requestLine, ge.status(), ge.getMessage());
        } else if (t == transportFailure) {
            LOG.info("{}: client went away mid-response: {}", requestLine, t.toString());
        } else if (environ == null) {
            LOG.error("{}: cannot build the environ", requestLine, t);
        } else {
            LOG.error("{}: application error", requestLine, t);
        }
        if (state.headersSent()) {
            transport.abort(t);
            return;
        }
        state.markHeadersSentForError();
        try {
            ErrorOutput.Response error = errorOutput.render(t, headRequest);
            transport.sendFull(withRequestId(error.head()), error.chunks());
        } catch (Throwable sendFailure) {
            transport.abort(sendFailure);
        }
    }

    private static byte[] requireChunk(byte[] chunk) {
        if (chunk == null) {
            throw new IllegalStateException("[S-4.5] the body yielded null instead of a byte array");
        }
        return chunk;
    }
}
