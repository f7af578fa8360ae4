package dev.wsgi4j.graalpy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wsgi4j.Environ;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A pool of two interpreters: a request held inside Python does not stop another from being served. */
class InterpreterPoolTest {

    static PythonApplication app;

    /** Starting GraalPy and importing take minutes on a loaded 2-core machine: more than the default timeout. */
    @BeforeAll
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    static void load() throws Exception {
        Path dir = TestModules.directory();
        app = PythonApplication.load("probe_app:application",
                PythonOptions.defaults().withPythonPath(dir).withPoolSize(2).withBusyTimeout(Duration.ofMillis(300)));
    }

    @AfterAll
    static void close() {
        if (app != null) {
            app.close();
        }
    }

    /** A POST to /pieces whose body blocks until {@code release}: it holds an interpreter inside Python. */
    private static CompletableFuture<String> holdAnInterpreter(CountDownLatch reading, CountDownLatch release) {
        InputStream slowBody = new InputStream() {
            @Override
            public int read() throws IOException {
                reading.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                return -1;
            }
        };
        Map<String, Object> environ = new HashMap<>();
        environ.put(Environ.REQUEST_METHOD, "POST");
        environ.put(Environ.PATH_INFO, "/pieces");
        environ.put(Environ.QUERY_STRING, "");
        environ.put(Environ.WSGI_INPUT, new WsgiInput(slowBody, -1));
        return CompletableFuture.supplyAsync(() -> {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (byte[] chunk : app.call(environ, (status, headers, excInfo) -> data -> { })) {
                    out.writeBytes(chunk);
                }
                return out.toString(StandardCharsets.UTF_8);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, task -> new Thread(task, "held-request").start()); // a thread each: both must block at once
    }

    @Test
    void aSecondInterpreterServesWhileTheFirstWaitsForItsRequestBody() throws Exception {
        assertThat(app.poolSize()).isEqualTo(2);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> held = holdAnInterpreter(reading, release);
        reading.await();

        // The first interpreter is inside Python, blocked in wsgi.input.read(); the other one answers.
        String cgi = new TestClient(app).get("/cgi/x").text();
        assertThat(cgi).contains("multithread=False multiprocess=True");
        assertThat(held).isNotDone();

        release.countDown();
        assertThat(held.get()).isEqualTo("0 end=0");
    }

    @Test
    void whenEveryInterpreterStaysBusyPastTheBusyTimeoutTheRequestIsAnswered503WithoutReachingPython()
            throws Exception {
        CountDownLatch reading = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = holdAnInterpreter(reading, release);
        CompletableFuture<String> second = holdAnInterpreter(reading, release);
        assertThat(reading.await(60, TimeUnit.SECONDS)).isTrue();

        TestResponse busy = new TestClient(app).get("/cgi/x");
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isEqualTo("1");
        assertThat(busy.text()).contains("busy");

        release.countDown();
        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo("0 end=0");
        assertThat(second.get(60, TimeUnit.SECONDS)).isEqualTo("0 end=0");
        assertThat(new TestClient(app).get("/cgi/x").status()).isEqualTo(200);
    }
}
