package dev.wsgi4j.netty;

import io.netty.handler.codec.http.HttpRequest;

/**
 * A request whose head passed every check and whose body has been read in full. For a chunked request the body
 * stage has already replaced {@code Transfer-Encoding} with the decoded {@code Content-Length} (SPEC.md §3.3), so
 * {@code head} and {@code body.length()} agree.
 *
 * @param receivedNanos {@link System#nanoTime()} when the head was accepted, for the access log's and the metrics'
 *                      duration; 0 when the server has neither (nothing is measured then)
 */
record CompleteRequest(HttpRequest head, RequestBody body, long receivedNanos) implements GatewayMessage {

    @Override
    public void release() {
        body.release();
    }
}
