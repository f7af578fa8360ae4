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
final class RawHttp implements AutoCloseable {

    /**
     * One parsed response; {@code headers} has repeated fields joined with ", ", {@code fields} keeps each line;
     * {@code body} is de-chunked; {@code complete} is false when the connection cut it.
     */
    record Response(int status, String statusLine, Map<String, String> headers, byte[] body, boolean complete,
            List<Map.Entry<String, String>> fields) {

        Response(int status, String statusLine, Map<String, String> headers, byte[] body, boolean complete) {
            this(status, statusLine, headers, body, complete, List.of());
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        this(port, 10_000);
    }

    RawHttp(int port, int timeoutMillis) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(timeoutMillis);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    RawHttp send(String raw) throws IOException {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
        return this;
    }

    Socket socket() {
        return socket;
    }

    /** Reads one response to a non-HEAD request. */
    Response read() throws IOException {
        return read(false);
    }

    Response read(boolean head) throws IOException {
        return parse(in, head);
    }

    /** Parses one response from {@code in}; a close-delimited body is read to the stream's end. */
    static Response parse(InputStream in, boolean head) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
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

    /** True when the server closed the connection (EOF) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static boolean readChunked(InputStream in, ByteArrayOutputStream body) throws IOException {
        while (true) {
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
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
