package dev.wsgi4j.netty;

/**
 * Marks where an interim {@code 100 Continue} belongs in the response order: the handler sends it once every
 * earlier response is out, never in the middle of one.
 */
enum ContinueSignal implements GatewayMessage {
    INSTANCE
}
