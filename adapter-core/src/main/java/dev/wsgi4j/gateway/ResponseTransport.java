package dev.wsgi4j.gateway;

import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;

import java.io.IOException;
import java.util.List;

/**
 * The holes a server fills so that {@link ResponseDriver} can run applications on it (wsgiref's
 * {@code BaseHandler} template). All calls come from the thread running the application, in this order:
 * either one {@code sendFull} or one {@code sendFile}, or {@code sendHead}, any number of {@code sendChunk},
 * then {@code finish} or {@code abort}. A server never sees a second response head.
 */
public interface ResponseTransport {

    /** Sends a response whose whole body is known; the chunks are the application's arrays, not copies. */
    void sendFull(ResponseHead head, List<byte[]> chunks) throws IOException;

    /**
     * Sends a {@code 103 Early Hints} response with {@code headers} (already checked) before the real one; called
     * only before the real response's head. Does nothing by default: for a protocol or version without
     * informational responses.
     */
    default void sendEarlyHints(List<Header> headers) throws IOException {
    }

    /**
     * Sends {@code count} bytes of a file body and takes over closing it: {@code onDone} must run once the file
     * is no longer needed, on every path. The server may send it zero-copy.
     */
    void sendFile(ResponseHead head, FileWrapper file, long count, Runnable onDone) throws IOException;

    /** Sends the head of a streamed response; its body follows through {@link #sendChunk(byte[])}. */
    void sendHead(ResponseHead head) throws IOException;

    /**
     * Queues one body chunk and returns once it is queued; blocks while the client is not reading (backpressure).
     * Throws an {@link IOException} once the client is gone.
     */
    void sendChunk(byte[] chunk) throws IOException;

    /** Ends a streamed body normally. */
    void finish() throws IOException;

    /** Ends a response whose head went out but whose body cannot be completed: the client must see it cut. */
    void abort(Throwable cause);

    /**
     * True once nothing sent from now on can reach the client: it closed the connection (or, on HTTP/2, reset the
     * stream), or the server ended the response on its own ({@link #superseded()}). A client that only half-closed
     * still reads its answer and is not gone. May be called from any thread, often: it must be cheap. This is
     * {@code wsgi4j.client_disconnected}, and the driver stops iterating a lazy body once it is true. False by
     * default: a transport that cannot tell (the {@code TestClient}'s) keeps every client present.
     */
    default boolean clientGone() {
        return false;
    }

    /**
     * True once the server has answered or cut this response on its own, without the application (a request
     * timeout): what the application sends from now on is dropped, and its failures are the expected end of an
     * interrupted call rather than errors to report. False by default.
     */
    default boolean superseded() {
        return false;
    }
}
