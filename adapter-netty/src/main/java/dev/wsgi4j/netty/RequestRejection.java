package dev.wsgi4j.netty;

import io.netty.handler.codec.http.HttpVersion;

/**
 * A request the server refuses before any application sees it. It travels down the pipeline like a request so that
 * its answer goes out in order after the responses still owed, and then the connection closes.
 *
 * @param version the version the refused request was framed in (its answer's status line), or null if unknown
 */
record RequestRejection(int status, String reason, HttpVersion version) implements GatewayMessage {
}
