package dev.wsgi4j.netty;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The executor kinds chosen in ServerConfig, on whatever JVM runs the tests (17 in CI, 21+ where installed). */
class AppExecutorTest {

    @Test
    void virtualThreadsServeRequestsOnJava21AndAreRefusedAtStartBefore() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        GatewayServer server = new GatewayServer((env, sr) -> {
            ranOn.set(Thread.currentThread());
            sr.start("200 OK", List.of());
            return List.of("ok".getBytes());
        }, ServerConfig.builder().port(0).executor(ExecutorKind.VIRTUAL).build());
        if (Runtime.version().feature() < 21) {
            assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Java 21");
            return;
        }
        server.start();
        try (RawHttp http = new RawHttp(server.port())) {
            assertThat(http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().text()).isEqualTo("ok");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
        Method isVirtual = Thread.class.getMethod("isVirtual");
        assertThat((Boolean) isVirtual.invoke(ranOn.get())).isTrue();
    }

    @Test
    void inlineRunsTheApplicationOnTheEventLoop() throws Exception {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        GatewayServer server = new GatewayServer((env, sr) -> {
            ranOn.set(Thread.currentThread());
            sr.start("200 OK", List.of());
            return List.of("ok".getBytes());
        }, ServerConfig.builder().port(0).executor(ExecutorKind.INLINE).build()).start();
        try (RawHttp http = new RawHttp(server.port())) {
            assertThat(http.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().text()).isEqualTo("ok");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
        assertThat(ranOn.get()).isInstanceOf(io.netty.util.concurrent.FastThreadLocalThread.class);
    }
}
