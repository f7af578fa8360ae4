package dev.wsgi4j.netty;

import io.netty.handler.codec.http.HttpVersion;

/**
 * A request the server refuses before any application sees it. It travels down the pipeline like a request so that
 * its answer goes out in order after the responses still owed, and then the connection closes.
 */
record RequestRejection(int status, String reason, HttpVersion version) {
}
