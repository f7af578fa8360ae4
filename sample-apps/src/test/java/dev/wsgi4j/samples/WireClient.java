package dev.wsgi4j.samples;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A raw-socket HTTP/1.x client for what a client library hides: HTTP/1.0, framing, HEAD, truncated bodies, reuse of
 * a connection after an error. Every read has a timeout and every body a size cap, so a server bug fails, never hangs.
 */
final class WireClient implements AutoCloseable {

    private static final int MAX_BODY = 16 * 1024 * 1024;

    /** One response: header lines as sent, the de-chunked body, and whether the body arrived whole. */
    record Response(int status, List<Map.Entry<String, String>> fields, byte[] body, boolean complete) {

        /** The first value of header {@code name} (any case), or null. */
        String header(String name) {
            return fields.stream().filter(f -> f.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;

    WireClient(int port) throws IOException {
        this(new Socket("127.0.0.1", port));
    }

    /** Speaks over a socket already connected (for example a TLS socket from a chosen local address). */
    WireClient(Socket connected) throws IOException {
        socket = connected;
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
    }

    WireClient send(String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads one response; {@code head} says it answers a HEAD request, so no body follows whatever the headers say. */
    Response read(boolean head) throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("the connection closed before a response");
        }
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (String line = line(); line != null && !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            fields.add(Map.entry(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        Response bodiless = new Response(Integer.parseInt(statusLine.substring(9, 12)), fields, new byte[0], true);
        if (head) {
            return bodiless;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        boolean complete;
        if ("chunked".equalsIgnoreCase(bodiless.header("Transfer-Encoding"))) {
            complete = readChunks(body);
        } else if (bodiless.header("Content-Length") != null) {
            int length = Integer.parseInt(bodiless.header("Content-Length"));
            byte[] bytes = in.readNBytes(Math.min(length, MAX_BODY));
            body.write(bytes);
            complete = bytes.length == length;
        } else {
            body.write(in.readNBytes(MAX_BODY));
            complete = in.read() < 0;
        }
        return new Response(bodiless.status(), fields, body.toByteArray(), complete);
    }

    /** True when the server closes the connection (EOF or reset) before the read timeout. */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private boolean readChunks(ByteArrayOutputStream body) throws IOException {
        while (body.size() <= MAX_BODY) {
            String size = line();
            if (size == null || size.isEmpty()) {
                return false;
            }
            int n = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (n == 0) {
                return "".equals(line());
            }
            byte[] chunk = in.readNBytes(n);
            body.write(chunk);
            if (chunk.length < n || !"".equals(line())) {
                return false;
            }
        }
        return false;
    }

    /** A line without its CRLF, or null at the end of the stream. */
    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0 && line.size() < 64 * 1024; b = in.read()) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
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
