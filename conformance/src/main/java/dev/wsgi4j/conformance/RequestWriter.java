package dev.wsgi4j.conformance;

import dev.wsgi4j.Header;
import dev.wsgi4j.testing.TestRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@link TestRequest} as the bytes an HTTP/1.x client sends: request line, {@code Host} (unless the request has
 * none or names its own), its headers in order, then {@code Content-Length} or, for a body of unknown length,
 * {@code Transfer-Encoding: chunked} with the body in chunks.
 */
public final class RequestWriter {

    private static final int CHUNK = 64 * 1024;

    private RequestWriter() {
    }

    /** @param close add {@code Connection: close} unless the request names its own {@code Connection} */
    public static byte[] write(TestRequest request, boolean close) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(request.target()).append(' ')
                .append(request.protocol()).append("\r\n");
        boolean hasHost = false;
        boolean hasConnection = false;
        for (Header h : request.headers()) {
            hasHost |= h.is("Host");
            hasConnection |= h.is("Connection");
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        if (!hasHost && request.host() != null) {
            head.append("Host: ").append(request.host()).append("\r\n");
        }
        long length = request.bodyLength();
        boolean chunked = length < 0;
        if (chunked) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (length > 0) {
            head.append("Content-Length: ").append(length).append("\r\n");
        }
        head.append(close && !hasConnection ? "Connection: close\r\n\r\n" : "\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (length != 0) {
            try (InputStream body = request.openBody()) {
                byte[] buf = new byte[CHUNK];
                for (int n = body.read(buf); n > 0; n = body.read(buf)) {
                    if (chunked) {
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(buf, 0, n);
                    if (chunked) {
                        out.write(CRLF);
                    }
                }
            }
            if (chunked) {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    private static final byte[] CRLF = {'\r', '\n'};
}
