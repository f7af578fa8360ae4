package dev.wsgi4j.netty;

import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;

/**
 * A request the server refuses before any application sees it. It travels down the pipeline like a request so that
 * its answer goes out in order after the responses still owed, and then the connection closes.
 *
 * @param version the version the refused request was framed in (its answer's status line), or null if unknown
 * @param request the refused request's head when it was decoded (a body too large, say), for the access log; null
 *                when the head itself was refused
 */
record RequestRejection(int status, String reason, HttpVersion version, HttpRequest request)
        implements GatewayMessage {
}
