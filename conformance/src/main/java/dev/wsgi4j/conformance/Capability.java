package dev.wsgi4j.conformance;

/**
 * What a server under test can do beyond answering a {@code TestRequest}. A statement that needs a capability the
 * server lacks is skipped with the reason, so the report shows what was not checked.
 */
public enum Capability {
    /**
     * It speaks HTTP/1.x on a TCP address ({@link RunningServer#address()}): keep-alive, pipelining, streaming,
     * {@code 100 Continue} and the bytes on the wire can be observed.
     */
    SOCKET,
    /** It adds a deployer's name/value pairs to every environ ({@link KitOptions#environ()}). */
    DEPLOYER_ENVIRON,
    /** It has a single-threaded mode ({@link KitOptions#singleThreaded()}): one call at a time, multithread false. */
    SINGLE_THREADED
}
