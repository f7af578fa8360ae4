package dev.wsgi4j.netty.cli;

import dev.wsgi4j.netty.uwsgi.UwsgiPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wsgi4j-server --protocol uwsgi} as a real process, started as a user would start it behind nginx; the test
 * plays nginx, writing uwsgi packets over a socket from 127.0.0.1 (allowed by {@code --uwsgi-allow-from}'s default).
 */
class UwsgiProcessTest {

    private static String exchange(int port, byte[] packet) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) ServerProcess.WAIT.toMillis());
            socket.getOutputStream().write(packet);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void answersAHelloAndAPostWithABody(@TempDir Path dir) throws Exception {
        try (ServerProcess server = ServerProcess.start(dir.resolve("server.log"), List.of(),
                "--protocol", "uwsgi", TestApps.Echo.class.getName())) {
            Map<String, String> hello = UwsgiPackets.getVars();
            hello.put("REQUEST_URI", "/hello");
            String answer = exchange(server.port, UwsgiPackets.packet(hello, new byte[0]));
            assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").containsIgnoringCase("\r\nconnection: close\r\n")
                    .endsWith("\r\n\r\nGET /hello 0 1");

            byte[] body = new byte[1 << 20]; // over the default in-memory size (512 KiB): spooled, as over HTTP
            new Random(11).nextBytes(body);
            Map<String, String> post = UwsgiPackets.getVars();
            post.put("REQUEST_METHOD", "POST");
            post.put("REQUEST_URI", "/upload");
            post.put("CONTENT_TYPE", "application/octet-stream");
            post.put("CONTENT_LENGTH", Integer.toString(body.length));
            answer = exchange(server.port, UwsgiPackets.packet(post, body));
            assertThat(answer).as("log: %s", server.output()).startsWith("HTTP/1.1 200 OK\r\n")
                    .endsWith("\r\n\r\nPOST /upload " + body.length + " " + Arrays.hashCode(body));
        }
    }
}
