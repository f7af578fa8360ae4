package dev.wsgi4j.bench;

import java.nio.charset.StandardCharsets;

/** What every server in the load test answers: the same 13 bytes, the same content type, keep-alive. */
final class Hello {

    static final byte[] BODY = "Hello, world!".getBytes(StandardCharsets.US_ASCII);
    static final String CONTENT_TYPE = "text/plain; charset=utf-8";

    private Hello() {
    }
}
