package dev.wsgi4j.netty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A raw-socket HTTP/1.1 client for tests that must see the bytes a library would hide: pipelining, framing,
 * truncation, connection close. Every read has a timeout, so a server mistake fails a test instead of hanging it.
 */
public final class RawHttp implements AutoCloseable {

    /**
     * One parsed response; {@code headers} has repeated fields joined with ", ", {@code fields} keeps each line;
     * {@code body} is de-chunked; {@code complete} is false when the connection cut it.
     */
    public record Response(int status, String statusLine, Map<String, String> headers, byte[] body,
            boolean complete, List<Map.Entry<String, String>> fields) {

        Response(int status, String statusLine, Map<String, String> headers, byte[] body, boolean complete) {
            this(status, statusLine, headers, body, complete, List.of());
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The body one char per byte, for asserting on exact bytes such as obs-text. */
        public String latin1() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    /** What follows a response on the connection. */
    public enum After { EOF, DATA, SILENCE }

    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_FIELDS = 1000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RawHttp(int port) throws IOException {
        this(port, 10_000);
    }

    public RawHttp(int port, int timeoutMillis) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(timeoutMillis);
        socket.setTcpNoDelay(true);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public RawHttp send(String raw) throws IOException {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
        return this;
    }

    /**
     * Sends one byte per write. Stops quietly when the server has already closed its side for reading (it may
     * answer and close as soon as it has seen the offending byte).
     */
    public RawHttp sendSplit(byte[] raw) throws IOException {
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

    /** Closes the sending side only, as a client that has said all it will say. */
    public void halfClose() throws IOException {
        socket.shutdownOutput();
    }

    public Socket socket() {
        return socket;
    }

    /** Reads one response to a non-HEAD request. */
    public Response read() throws IOException {
        return read(false);
    }

    public Response read(boolean head) throws IOException {
        return parse(in, head);
    }

    /** Parses one response from {@code in}; a close-delimited body is read to the stream's end. */
    static Response parse(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not a status line: " + statusLine);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            if (fields.size() == MAX_FIELDS) {
                throw new IOException("more than " + MAX_FIELDS + " header fields");
            }
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            fields.add(Map.entry(name, value));
            headers.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + ", " + b);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean complete = true;
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            return new Response(status, statusLine, headers, body.toByteArray(), true, fields);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            complete = readChunked(in, body);
        } else if (headers.containsKey("content-length")) {
            long length = Long.parseLong(headers.get("content-length"));
            for (long i = 0; i < length; i++) {
                int b = in.read();
                if (b < 0) {
                    complete = false;
                    break;
                }
                body.write(b);
            }
        } else {
            in.transferTo(body);
        }
        return new Response(status, statusLine, headers, body.toByteArray(), complete, fields);
    }

    /** True when the server closed the connection (EOF or reset) within the socket timeout. */
    public boolean closedByServer() throws IOException {
        return next() == After.EOF;
    }

    /** What comes next within the socket timeout: EOF (or reset), more bytes, or nothing. */
    public After next() throws IOException {
        try {
            return in.read() < 0 ? After.EOF : After.DATA;
        } catch (SocketTimeoutException e) {
            return After.SILENCE;
        } catch (IOException reset) {
            return After.EOF;
        }
    }

    /** Like {@link #next()} but with its own timeout. */
    public After next(int timeoutMillis) throws IOException {
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

    private static boolean readChunked(InputStream in, ByteArrayOutputStream body) throws IOException {
        for (int guard = 0; guard < 1_000_000; guard++) {
            String size = line(in);
            if (size == null) {
                return false;
            }
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                for (String t = line(in); t != null && !t.isEmpty(); t = line(in)) {
                    // trailers
                }
                return true;
            }
            byte[] chunk = in.readNBytes(n);
            body.write(chunk);
            if (chunk.length < n || line(in) == null) {
                return false;
            }
        }
        return false;
    }

    private static String line(InputStream in) throws IOException {
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
