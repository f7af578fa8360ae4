package dev.wsgi4j.netty;

/**
 * What a server tells a metrics library as it serves. The server calls it only when metrics are on, so that without
 * them a request costs nothing more than a null check, and it names no library type, so that the library stays
 * optional: {@code dev.wsgi4j.netty.metrics.MicrometerMetrics} is the implementation for Micrometer; an embedder may
 * write one for another library and give it to {@link GatewayServer#metrics(ServerMetrics)}.
 * <p>The request methods are called on event loops and must not block; one instance serves one server.
 */
public interface ServerMetrics {

    /** Why the server answered 503 on its own. */
    enum Unavailable {
        /** The application executor and its queue were full. */
        EXECUTOR_FULL,
        /** A request body could not be spooled to disk. */
        SPOOL_FAILED
    }

    /** Once, as {@code server} starts, before its first connection: its gauges may be read from now on. */
    void bind(GatewayServer server);

    /** A request was taken up: an application call (or a server-answered path) begins. */
    void requestStarted();

    /**
     * The request {@link #requestStarted()} reported has its answer written.
     *
     * @param method        the request method as sent
     * @param status        the status sent, or 0 when the connection ended before a head went out
     * @param durationNanos from the request's head arriving to its last write
     */
    void requestFinished(String method, int status, long durationNanos);

    /** The server refused a request before any call (400, 413, 431, 503 ...); {@code method} is null when unknown. */
    void requestRefused(String method, int status);

    /** The server answered 503 itself, for {@code reason}. */
    void unavailable(Unavailable reason);

    /**
     * A request's timeout passed (SPEC.md §6.6): the server answered 503 in the application's place, or cut its
     * response; {@link #requestFinished} reports the same request with the status sent. Nothing by default.
     */
    default void requestTimedOut() {
    }

    /** Bytes read from a client connection (as on the wire, TLS records included). */
    void bytesReceived(long bytes);

    /** Bytes handed to a client connection for writing (as on the wire, TLS records included). */
    void bytesSent(long bytes);

    /**
     * Everything measured, in the Prometheus text format 0.0.4, or null when these metrics cannot render it (a
     * registry that is not Prometheus'). Called off the event loops: it may take a while.
     */
    default String prometheusText() {
        return null;
    }

    /** The server stopped: let go of what {@link #bind} made it hold. */
    default void close() {
    }
}
