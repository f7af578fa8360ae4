package dev.wsgi4j.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client of {@code benchmarks/run.sh memory}: opens N keep-alive connections to one loopback server, sends one
 * request on each and reads its answer, then holds them all idle. Once every connection is held it writes the
 * ready file (the script then reads the server's RSS); it stops by itself after the hold time, at the latest.
 *
 * <pre>java -cp benchmarks.jar dev.wsgi4j.bench.IdleClients HOST PORT COUNT HOLD_SECONDS READY_FILE</pre>
 */
public final class IdleClients {

    private static final int TIMEOUT_MS = 10_000;

    private IdleClients() {
    }

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        long deadline = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        Path ready = Path.of(args[4]);
        byte[] request = ("GET / HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        List<Socket> held = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("hold time over after " + i + " of " + count + " connections");
                }
                Socket socket = new Socket();
                held.add(socket);
                socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
                socket.setSoTimeout(TIMEOUT_MS);
                socket.getOutputStream().write(request);
                readAnswer(socket.getInputStream());
            }
            Files.writeString(ready, Integer.toString(held.size()));
            long left = deadline - System.nanoTime();
            if (left > 0) {
                Thread.sleep(left / 1_000_000);
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    /** Reads one 200 answer with a Content-Length body; anything else is an error. */
    private static void readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the answer's head ended: " + head);
            }
            head.append((char) b);
        }
        String text = head.toString();
        if (!text.startsWith("HTTP/1.1 200")) {
            throw new IOException("not a 200 answer: " + text);
        }
        long length = -1;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        if (length < 0) {
            throw new IOException("no Content-Length in " + text);
        }
        if (in.readNBytes((int) length).length != length) {
            throw new IOException("body shorter than its Content-Length");
        }
    }
}
