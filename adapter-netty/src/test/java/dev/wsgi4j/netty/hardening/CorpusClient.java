package dev.wsgi4j.netty.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A raw-socket client for the attack corpus: sends exact bytes to 127.0.0.1, reads exactly one response at a time,
 * and tells whether the server then closed the connection. Every read has a timeout; every loop is bounded.
 */
final class CorpusClient implements AutoCloseable {

    /** One response; {@code body} de-chunked; {@code complete} false when the connection cut it short. */
    record Response(int status, String statusLine, Map<String, String> headers, byte[] body, boolean complete) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    /** What follows a response on the connection. */
    enum After { EOF, DATA, SILENCE }

    private static final int MAX_LINE = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    CorpusClient(int port) throws IOException {
        this(port, 5_000);
    }

    CorpusClient(int port, int timeoutMillis) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(timeoutMillis);
        socket.setTcpNoDelay(true);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    Socket socket() {
        return socket;
    }

    CorpusClient send(String raw) throws IOException {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    CorpusClient send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
        return this;
    }

    /**
     * Sends one byte per write. Stops quietly when the server has already closed its side for reading (it may
     * answer and close as soon as it has seen the offending byte).
     */
    CorpusClient sendSplit(byte[] raw) throws IOException {
        for (byte b : raw) {
            try {
                out.write(b);
                out.flush();
            } catch (IOException closed) {
                return this;
            }
        }
        return this;
    }

    void halfClose() throws IOException {
        socket.shutdownOutput();
    }

    Response read() throws IOException {
        return read(false);
    }

    Response read(boolean head) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not a status line: " + statusLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            String line = line();
            if (line == null || line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean complete = true;
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            return new Response(status, statusLine, headers, body.toByteArray(), true);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            complete = readChunked(body);
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length"));
            byte[] bytes = in.readNBytes(length);
            body.write(bytes);
            complete = bytes.length == length;
        } else {
            in.transferTo(body);
        }
        return new Response(status, statusLine, headers, body.toByteArray(), complete);
    }

    /** What comes next within the socket timeout: EOF (or reset), more bytes, or nothing. */
    After next() throws IOException {
        try {
            return in.read() < 0 ? After.EOF : After.DATA;
        } catch (SocketTimeoutException e) {
            return After.SILENCE;
        } catch (IOException reset) {
            return After.EOF;
        }
    }

    /** Like {@link #next()} but with its own timeout. */
    After next(int timeoutMillis) throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMillis);
        try {
            return next();
        } finally {
            if (!socket.isClosed()) {
                socket.setSoTimeout(old);
            }
        }
    }

    private boolean readChunked(ByteArrayOutputStream body) throws IOException {
        for (int guard = 0; guard < 1_000_000; guard++) {
            String size = line();
            if (size == null) {
                return false;
            }
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                for (String t = line(); t != null && !t.isEmpty(); t = line()) {
                    // trailers
                }
                return true;
            }
            byte[] chunk = in.readNBytes(n);
            body.write(chunk);
            if (chunk.length < n || line() == null) {
                return false;
            }
        }
        return false;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > MAX_LINE) {
                throw new IOException("response line too long");
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
