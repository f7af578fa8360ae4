package dev.wsgi4j.netty;

import dev.wsgi4j.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Every transport this machine can load serves the same bytes; AUTO never picks one that cannot load. */
class TransportKindTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(TransportKind.class)
    void servesKeepAliveRequestsOnEveryAvailableTransport(TransportKind kind) throws Exception {
        assumeTrue(kind.isAvailable(), kind + " is not available on this machine");
        GatewayServer server = new GatewayServer((env, sr) -> {
            sr.start("200 OK", List.of(Header.of("Content-Type", "text/plain")));
            return List.of(("via " + env.get("PATH_INFO")).getBytes());
        }, ServerConfig.builder().port(0).transport(kind).build()).start();
        try (RawHttp http = new RawHttp(server.port())) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Response r = http.send("GET /t" + i + " HTTP/1.1\r\nHost: x\r\n\r\n").read();
                assertThat(r.text()).isEqualTo("via /t" + i);
            }
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void theBundledNativeEpollLoadsOnLinuxX8664() {
        boolean linuxX8664 = System.getProperty("os.name").equals("Linux")
                && System.getProperty("os.arch").equals("amd64");
        assumeTrue(linuxX8664, "the native jars shipped are for Linux x86_64");
        assertThat(TransportKind.EPOLL.isAvailable()).isTrue();
        assertThat(TransportKind.AUTO.resolve()).isEqualTo(TransportKind.EPOLL);
    }

    @Test
    void autoResolvesToATransportThatIsAvailable() {
        TransportKind resolved = TransportKind.AUTO.resolve();
        assertThat(resolved).isNotEqualTo(TransportKind.AUTO);
        assertThat(resolved.isAvailable()).isTrue();
    }
}
