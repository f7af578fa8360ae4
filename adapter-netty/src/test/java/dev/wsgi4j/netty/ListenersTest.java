package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.netty.proxy.ProxySettings;
import dev.wsgi4j.netty.proxy.TrustedProxies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Several listeners in one server: TCP addresses and Unix domain sockets, on every transport that loads here. */
class ListenersTest {

    /** Answers the environ keys a unix-socket request changes, one {@code KEY=value} per line; absent ones as -. */
    static final Application ADDRESSES = (env, sr) -> {
        Map<String, String> shown = new TreeMap<>();
        for (String key : List.of("REMOTE_ADDR", "REMOTE_PORT", "SERVER_NAME", "SERVER_PORT", "wsgi.url_scheme")) {
            Object v = env.get(key);
            shown.put(key, v == null ? "-" : v.toString());
        }
        StringBuilder body = new StringBuilder();
        shown.forEach((k, v) -> body.append(k).append('=').append(v).append('\n'));
        sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
        return List.of(body.toString().getBytes(StandardCharsets.ISO_8859_1));
    };

    @TempDir
    Path dir;

    private GatewayServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(1));
        }
    }

    private GatewayServer start(ServerConfig config) throws InterruptedException {
        server = new GatewayServer(ADDRESSES, config).start();
        return server;
    }

    @Test
    void servesOnEveryBindAndPortIsTheFirstTcpOne() throws Exception {
        Path socket = dir.resolve("app.sock");
        start(ServerConfig.builder().binds(List.of(ListenAddress.unix(socket), ListenAddress.tcp("127.0.0.1", 0),
                ListenAddress.tcp("127.0.0.1", 0))).build());

        List<ListenAddress> bound = server.boundAddresses();
        assertThat(bound).hasSize(3);
        assertThat(bound.get(0)).isEqualTo(ListenAddress.unix(socket));
        assertThat(bound.get(1).port()).isPositive().isNotEqualTo(bound.get(2).port());
        assertThat(server.port()).isEqualTo(bound.get(1).port());
        for (ListenAddress tcp : bound.subList(1, 3)) {
            try (RawHttp http = new RawHttp(tcp.port())) {
                RawHttp.Response r = http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertThat(r.text()).contains("SERVER_PORT=80", "REMOTE_ADDR=127.0.0.1");
            }
        }
        assertThat(UnixHttp.exchange(socket, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200 OK");
    }

    @Test
    void theBuilderKeepsHostAndPortAsTheFirstTcpBind() {
        ServerConfig c = ServerConfig.builder().binds(List.of(ListenAddress.unix(dir.resolve("a.sock")),
                ListenAddress.tcp("::1", 9001))).build();
        assertThat(c.host()).isEqualTo("::1");
        assertThat(c.port()).isEqualTo(9001);
        assertThat(ServerConfig.builder().host("0.0.0.0").port(81).build().listenAddresses())
                .containsExactly(ListenAddress.tcp("0.0.0.0", 81));
    }

    /** SPEC.md §3: no peer address on a Unix socket; SERVER_NAME/PORT from Host, as gunicorn does. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TransportKind.class, names = {"NIO", "EPOLL", "IO_URING"})
    void aUnixSocketServesOnEveryTransportWithTheEnvironOfSpecSection3(TransportKind kind) throws Exception {
        assumeTrue(kind.isAvailable(), kind + " is not available on this machine");
        Path socket = dir.resolve(kind + ".sock");
        start(ServerConfig.builder().transport(kind).binds(List.of(ListenAddress.unix(socket))).build());

        String answer = UnixHttp.exchange(socket,
                "GET / HTTP/1.1\r\nHost: app.example:8443\r\nConnection: close\r\n\r\n");
        assertThat(answer).startsWith("HTTP/1.1 200 OK");
        assertThat(UnixHttp.body(answer)).isEqualTo("""
                REMOTE_ADDR=-
                REMOTE_PORT=-
                SERVER_NAME=app.example
                SERVER_PORT=8443
                wsgi.url_scheme=http
                """);
        String noHost = UnixHttp.body(UnixHttp.exchange(socket, "GET / HTTP/1.0\r\n\r\n"));
        assertThat(noHost).contains("SERVER_NAME=localhost", "SERVER_PORT=80");
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Unix sockets only");

        server.stop(Duration.ofSeconds(1));
        server = null;
        assertThat(socket).doesNotExist();
    }

    /** {@code --unix-socket-mode}: the file gets the mode asked for, whatever the umask gave it. */
    @Test
    void aUnixSocketFileGetsTheModeAskedFor() throws Exception {
        Path socket = dir.resolve("mode.sock");
        start(ServerConfig.builder().binds(List.of(ListenAddress.unix(socket)))
                .socketMode(PosixFilePermissions.fromString("rw-rw-rw-")).build());

        assertThat(Files.getPosixFilePermissions(socket)).isEqualTo(PosixFilePermissions.fromString("rw-rw-rw-"));
        assertThat(UnixHttp.exchange(socket, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200 OK");
    }

    /**
     * SPEC.md §3.9: a peer on a Unix socket (a proxy on this host, such as nginx with {@code proxy_pass
     * http://unix:...}) is trusted by default, as gunicorn trusts it, and not when the server trusts nobody.
     */
    @Test
    void aUnixSocketPeersForwardingHeadersAreBelievedUnlessNobodyIsTrusted() throws Exception {
        String request = "GET / HTTP/1.1\r\nHost: app.example\r\nX-Forwarded-For: 203.0.113.7\r\n"
                + "X-Forwarded-Proto: https\r\nConnection: close\r\n\r\n";
        Path socket = dir.resolve("trusted.sock");
        start(ServerConfig.builder().binds(List.of(ListenAddress.unix(socket))).build());
        assertThat(UnixHttp.body(UnixHttp.exchange(socket, request)))
                .contains("REMOTE_ADDR=203.0.113.7", "wsgi.url_scheme=https");
        server.stop(Duration.ofSeconds(1));

        Path untrusted = dir.resolve("untrusted.sock");
        start(ServerConfig.builder().binds(List.of(ListenAddress.unix(untrusted)))
                .proxy(new ProxySettings(TrustedProxies.NOBODY, false)).build());
        assertThat(UnixHttp.body(UnixHttp.exchange(untrusted, request)))
                .contains("REMOTE_ADDR=-", "wsgi.url_scheme=http");
    }

    /**
     * SPEC.md §6.6 on a Unix socket: the half-closing client still gets both answers it is owed. On epoll only (the
     * default): Netty 4.2's NIO and io_uring channels honour half-closure for TCP sockets alone (SPEC.md §3.10).
     */
    @Test
    void aClientThatHalfClosesAUnixSocketStillGetsItsAnswersOnEpoll() throws Exception {
        TransportKind kind = TransportKind.EPOLL;
        assumeTrue(kind.isAvailable(), kind + " is not available on this machine");
        Path socket = dir.resolve(kind + "-half.sock");
        start(ServerConfig.builder().transport(kind).binds(List.of(ListenAddress.unix(socket))).build());

        String answers = UnixHttp.exchange(socket, "GET /1 HTTP/1.1\r\nHost: a\r\n\r\n"
                + "GET /2 HTTP/1.1\r\nHost: b\r\n\r\n", true);
        assertThat(answers.split("HTTP/1.1 200 OK", -1)).hasSize(3);
        assertThat(answers).contains("SERVER_NAME=a", "SERVER_NAME=b");
    }

    @Test
    void aStaleSocketFileIsReplaced() throws Exception {
        Path socket = dir.resolve("stale.sock");
        // A listener that went away without deleting its file, as a killed process leaves it.
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close();
        assertThat(socket).exists();

        start(ServerConfig.builder().binds(List.of(ListenAddress.unix(socket))).build());
        assertThat(UnixHttp.exchange(socket, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200 OK");
    }

    @Test
    void aSocketSomeoneListensOnIsLeftAloneAndTheStartFails() throws Exception {
        Path socket = dir.resolve("live.sock");
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(socket));
            ServerConfig config = ServerConfig.builder().binds(List.of(ListenAddress.unix(socket))).build();
            assertThatThrownBy(() -> new GatewayServer(ADDRESSES, config).start())
                    .isInstanceOf(BindFailedException.class)
                    .hasMessage("cannot listen on unix:" + socket + ": another process is listening on it");
            assertThat(socket).exists();
        }
    }

    @Test
    void aFileThatIsNotASocketIsNeverDeleted() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
        ServerConfig config = ServerConfig.builder().binds(List.of(ListenAddress.unix(file))).build();
        assertThatThrownBy(() -> new GatewayServer(ADDRESSES, config).start())
                .isInstanceOf(BindFailedException.class)
                .hasMessageContaining("is not a socket");
        assertThat(file).hasContent("keep me");
    }

    @Test
    void aFailedSecondBindClosesTheFirst() throws Exception {
        Path socket = dir.resolve("first.sock");
        try (ServerSocketChannel taken = ServerSocketChannel.open()) {
            taken.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            int busy = ((java.net.InetSocketAddress) taken.getLocalAddress()).getPort();
            ServerConfig config = ServerConfig.builder().binds(List.of(ListenAddress.unix(socket),
                    ListenAddress.tcp("127.0.0.1", busy))).build();
            assertThatThrownBy(() -> new GatewayServer(ADDRESSES, config).start())
                    .isInstanceOf(BindFailedException.class)
                    .hasMessageStartingWith("cannot listen on 127.0.0.1:" + busy + ": ")
                    .hasMessageContaining("in use");
        }
        assertThat(socket).doesNotExist();
    }

    @Test
    void theStartLineBracketsIpv6AndListsEveryBind() {
        assertThat(GatewayServer.describe(List.of(ListenAddress.tcp("::1", 8000), ListenAddress.tcp("0.0.0.0", 80),
                ListenAddress.unix(Path.of("/run/a.sock"))), "https"))
                .isEqualTo("https://[::1]:8000/, https://0.0.0.0:80/, unix:/run/a.sock (https)");
    }
}
