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

    @Test
    void singleRunsRequestsOneAtATimeInArrivalOrderOnOneThreadAndRefusesPastItsQueue() throws Exception {
        AppExecutor single = AppExecutor.create(ServerConfig.builder().executor(ExecutorKind.SINGLE).workerQueue(2)
                .build());
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(3);
        try {
            assertThat(single.execute(() -> {
                threads.add(Thread.currentThread());
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                order.add("first");
                done.countDown();
            })).isTrue();
            assertThat(running.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            for (String name : List.of("second", "third")) {
                assertThat(single.execute(() -> {
                    threads.add(Thread.currentThread());
                    order.add(name);
                    done.countDown();
                })).as(name + " waits in the queue").isTrue();
            }
            assertThat(single.queued()).isEqualTo(2);
            assertThat(single.execute(() -> order.add("refused"))).as("the queue is full: 503").isFalse();

            release.countDown();
            assertThat(done.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(order).containsExactly("first", "second", "third");
            assertThat(threads).hasSize(1);
            assertThat(single.inline()).isFalse();
        } finally {
            release.countDown();
            single.shutdown(1000);
        }
    }
}
