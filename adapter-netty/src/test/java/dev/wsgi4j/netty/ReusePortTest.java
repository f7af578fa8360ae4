package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SO_REUSEPORT: two servers (as two processes would) bind one port and the kernel spreads new connections between
 * them; without it the second bind fails and says so.
 */
class ReusePortTest {

    private final List<GatewayServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(Duration.ofSeconds(1)));
    }

    private static Application answering(String name) {
        return (env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of(name.getBytes());
        };
    }

    private GatewayServer start(String name, int port, TransportKind kind, boolean reusePort) throws Exception {
        GatewayServer server = new GatewayServer(answering(name), ServerConfig.builder().port(port).transport(kind)
                .reusePort(reusePort).build()).start();
        servers.add(server);
        return server;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TransportKind.class, names = {"NIO", "EPOLL", "IO_URING"})
    void twoServersOnOnePortBothAnswer(TransportKind kind) throws Exception {
        assumeTrue(kind.isAvailable(), kind + " is not available on this machine");
        int port = start("first", 0, kind, true).port();
        start("second", port, kind, true);

        Set<String> answered = new HashSet<>();
        // The kernel picks a listener by hashing each new connection's addresses: a few hundred new connections
        // reach both unless it sends them all to one, which is what this test is here to catch.
        for (int i = 0; i < 400 && answered.size() < 2; i++) {
            try (RawHttp http = new RawHttp(port)) {
                answered.add(http.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read().text());
            }
        }
        assertThat(answered).containsExactlyInAnyOrder("first", "second");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TransportKind.class, names = {"NIO", "EPOLL", "IO_URING"})
    void withoutReusePortTheSecondBindFailsClearly(TransportKind kind) throws Exception {
        assumeTrue(kind.isAvailable(), kind + " is not available on this machine");
        int port = start("first", 0, kind, false).port();
        ServerConfig second = ServerConfig.builder().port(port).transport(kind).build();
        assertThatThrownBy(() -> new GatewayServer(answering("second"), second).start())
                .isInstanceOf(BindFailedException.class)
                .hasMessageStartingWith("cannot listen on 127.0.0.1:" + port + ": ")
                .hasMessageContaining("in use");
    }
}
