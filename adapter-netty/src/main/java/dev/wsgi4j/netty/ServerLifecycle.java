package dev.wsgi4j.netty;

/**
 * Whether a server is draining: {@link GatewayServer#stop} has begun, no new connection is accepted, and what still
 * runs should finish and leave. One per server, shared by its connections through {@link ServerContext}; the one
 * piece of that context that changes after the start, hence volatile.
 */
final class ServerLifecycle {

    private volatile boolean draining;

    /** Marks the server as stopping; called once, before the listening socket closes. */
    void beginDrain() {
        draining = true;
    }

    /** True from the moment the server began to stop: answers say {@code Connection: close}, health says 503. */
    boolean draining() {
        return draining;
    }
}
