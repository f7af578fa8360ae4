package dev.wsgi4j.netty;

/** Where application code runs (SPEC.md §6.3). Chosen once, at start. */
public enum ExecutorKind {
    /** A bounded thread pool with a bounded queue; 503 when both are full. The default: apps may block. */
    POOL,
    /** A virtual thread per request (Java 21+ only; refused at start on older JVMs). */
    VIRTUAL,
    /** On the event loop itself: only for applications that never block and return bodies of known length. */
    INLINE
}
