package dev.wsgi4j.graalpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two interpreters serving two requests each ({@link PythonOptions#threads()}), warmed before {@code load} returns
 * ({@link PythonOptions#warmup()}): requests spread over the interpreters, share one under its GIL, and find the
 * application already warm.
 */
class InterpreterThreadsTest {

    static Path dir;
    static PythonApplication app;

    @BeforeAll
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // starting GraalPy takes minutes on a loaded 2-core machine
    static void load() throws Exception {
        dir = TestModules.directory();
        app = PythonApplication.load("threads_app:application", PythonOptions.defaults().withPythonPath(dir)
                .withPoolSize(2).withThreads(2).withWarmup("/warm").withBusyTimeout(Duration.ofMillis(300)));
    }

    @AfterAll
    static void close() {
        if (app != null) {
            app.close();
        }
    }

    /** Sends {@code target} from a thread of its own, so that every request is in flight at once. */
    private static CompletableFuture<TestResponse> inFlight(String target) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new TestClient(app).get(target);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, task -> new Thread(task, "request " + target).start());
    }

    @Test
    void fourRequestsRunAtOnceTwoInEachInterpreterEachAlreadyWarmed() throws Exception {
        List<CompletableFuture<TestResponse>> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // A meeting of 2 passes only if two requests are inside one interpreter at the same time.
            requests.add(inFlight("/meet?2"));
        }
        List<String> answers = new ArrayList<>();
        for (CompletableFuture<TestResponse> request : requests) {
            TestResponse response = request.get(120, TimeUnit.SECONDS);
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            answers.add(response.text());
        }

        assertThat(answers).allMatch(a -> a.endsWith(" warmed=1 multithread=True"));
        Map<String, Long> byInterpreter = answers.stream()
                .collect(Collectors.groupingBy(a -> a.substring(0, a.indexOf(' ')), Collectors.counting()));
        assertThat(byInterpreter).hasSize(2).containsValues(2L, 2L);
    }

    @Test
    void aFifthRequestWhileFourPlacesAreHeldIsAnswered503() throws Exception {
        List<CompletableFuture<TestResponse>> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(inFlight("/meet?5,5")); // a meeting of 5 in one interpreter cannot happen: they wait 5 s
        }
        // Each interpreter holds at most 2; while all 4 wait, a fifth finds no place.
        TestResponse busy = awaitBusy();
        assertThat(busy.status()).isEqualTo(503);
        assertThat(busy.header("Retry-After")).isEqualTo("1");
        // The barriers time out (BrokenBarrierError): each held request becomes a 500 and frees its place.
        for (CompletableFuture<TestResponse> request : held) {
            assertThat(request.get(120, TimeUnit.SECONDS).status()).isEqualTo(500);
        }
        assertThat(new TestClient(app).get("/absent").status()).isEqualTo(404);
    }

    /** Asks until the four held requests have taken every place (they start on their own threads). */
    private static TestResponse awaitBusy() throws Exception {
        TestResponse response = null;
        for (int i = 0; i < 200; i++) {
            response = new TestClient(app).get("/absent"); // not /warm: the other test counts warm-ups
            if (response.status() == 503) {
                return response;
            }
            Thread.sleep(50);
        }
        return response;
    }

    @Test
    void aWarmupAnsweredWithAServerErrorFailsTheLoadWithPythonsTraceback() {
        assertThatThrownBy(() -> PythonApplication.load("threads_app:application",
                PythonOptions.defaults().withPythonPath(dir).withPoolSize(1).withWarmup("/broken")))
                .isInstanceOf(PythonException.class)
                .hasMessageContaining("warm-up GET /broken was answered 500")
                .hasMessageContaining("ZeroDivisionError");
    }
}
