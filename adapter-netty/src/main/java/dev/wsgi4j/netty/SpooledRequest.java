package dev.wsgi4j.netty;

import io.netty.handler.codec.http.HttpRequest;

/** A complete request whose body is in a {@link SpoolFile} rather than in memory. */
record SpooledRequest(HttpRequest head, SpoolFile body, long contentLength) {
}
