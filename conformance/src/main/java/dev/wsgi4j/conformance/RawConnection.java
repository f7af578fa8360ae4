package dev.wsgi4j.conformance;

import dev.wsgi4j.Header;
import dev.wsgi4j.testing.TestResponse;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.x connection as raw bytes, for the statements a client library would hide: keep-alive, streaming,
 * framing, {@code 100 Continue}. Every read has a generous timeout, so a server mistake fails a test instead of
 * hanging it.
 */
public final class RawConnection implements AutoCloseable {

    /** How long any read may wait: long enough for a loaded machine, short enough to fail rather than hang. */
    public static final int TIMEOUT_MILLIS = 30_000;
    private static final int MAX_LINE = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** Whether the last {@link #readChunk()} read the last chunk, so a chunked body ended as framed. */
    private boolean lastChunkSeen;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    public static RawConnection open(InetSocketAddress address) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, TIMEOUT_MILLIS);
            return new RawConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public RawConnection send(String raw) throws IOException {
        return send(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawConnection send(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
        return this;
    }

    /** A response head: its status line and each header line as received. */
    public record Head(String statusLine, List<Header> fields) {

        public int status() {
            return Integer.parseInt(statusLine.substring(9, 12));
        }

        /** The field's values joined with ", ", or null when absent. */
        public String header(String name) {
            List<String> values = fields.stream().filter(h -> h.is(name)).map(Header::value).toList();
            return values.isEmpty() ? null : String.join(", ", values);
        }

        public boolean chunked() {
            String coding = header("Transfer-Encoding");
            return coding != null && coding.toLowerCase(Locale.ROOT).endsWith("chunked");
        }
    }

    /** A whole response: {@code complete} is false when the connection ended inside the body. */
    public record Response(Head head, byte[] body, boolean complete) {

        public TestResponse toTestResponse() {
            String line = head.statusLine();
            return TestResponse.of(head.status(), line.length() > 13 ? line.substring(13) : "", head.fields(), body,
                    !complete);
        }
    }

    /** Reads a response head, skipping nothing: an interim {@code 1xx} head is returned like any other. */
    public Head readHead() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not a status line: " + statusLine);
        }
        List<Header> fields = new ArrayList<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("not a header line: " + line);
            }
            fields.add(Header.of(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        return new Head(statusLine, List.copyOf(fields));
    }

    /** Reads one final response; a HEAD answer, 1xx, 204 and 304 have no body whatever their headers say. */
    public Response read(boolean head) throws IOException {
        Head h = readHead();
        while (h.status() / 100 == 1) {
            h = readHead();
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (head || h.status() == 204 || h.status() == 304) {
            return new Response(h, body.toByteArray(), true);
        }
        boolean complete = true;
        if (h.chunked()) {
            for (byte[] chunk = readChunk(); chunk != null && chunk.length > 0; chunk = readChunk()) {
                body.write(chunk);
            }
            complete = lastChunkSeen;
        } else if (h.header("Content-Length") != null) {
            long length = Long.parseLong(h.header("Content-Length"));
            byte[] bytes = in.readNBytes((int) Math.min(length, Integer.MAX_VALUE - 8));
            body.write(bytes);
            complete = bytes.length == length;
        } else {
            in.transferTo(body);
        }
        return new Response(h, body.toByteArray(), complete);
    }

    /**
     * Reads one chunk of a chunked body: its data, an empty array for the last chunk (its trailers read too), or
     * null when the connection ended first.
     */
    public byte[] readChunk() throws IOException {
        lastChunkSeen = false;
        String size = line();
        if (size == null) {
            return null;
        }
        int n = Integer.parseInt(size.split(";")[0].trim(), 16);
        if (n == 0) {
            for (String t = line(); t != null && !t.isEmpty(); t = line()) {
                // trailers are read and left
            }
            lastChunkSeen = true;
            return new byte[0];
        }
        byte[] data = in.readNBytes(n);
        if (data.length < n || line() == null) {
            return null;
        }
        return data;
    }

    /** Reads exactly {@code n} bytes, or fewer when the connection ends. */
    public byte[] readBytes(int n) throws IOException {
        return in.readNBytes(n);
    }

    /** True when the server closed the connection (end of stream or reset) before sending another byte. */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Closes the connection abruptly, as a client that goes away mid-response. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
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
}
