package dev.wsgi4j.netty;

/** Where application code runs (SPEC.md §6.3). Chosen once, at start. */
public enum ExecutorKind {
    /**
     * An {@link ElasticPool}: a few threads take requests back to back, more start when applications block, up to
     * {@code workerThreads}, then a bounded queue, then 503. The default: applications may block.
     */
    POOL,
    /** A virtual thread per request (Java 21+ only; refused at start on older JVMs). */
    VIRTUAL,
    /** On the event loop itself: only for applications that never block and return bodies of known length. */
    INLINE,
    /**
     * One thread runs every request, one after the other in the order they arrived, and {@code wsgi.multithread}
     * is false: for applications that are not thread-safe (PEP 3333, "Thread Support"). Requests wait in a queue of
     * {@code workerQueue}; beyond it, 503.
     */
    SINGLE
}
