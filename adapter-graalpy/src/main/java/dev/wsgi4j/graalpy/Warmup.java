package dev.wsgi4j.graalpy;

import dev.wsgi4j.StartResponse;
import dev.wsgi4j.testing.TestClient;
import dev.wsgi4j.testing.TestResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm-up of {@link PythonOptions#warmup()}: one GET of the given path sent to each interpreter, all at once,
 * before the application is handed to a server. A Python application does much of its start lazily (Flask builds
 * its URL map and Jinja its templates at the first request; GraalPy compiles each function the first time it
 * runs), and without a warm-up the first clients after a start or a SIGHUP reload pay for it. Since the server
 * opens its port only after loading, readiness then means "warm". A warm-up answered with a server error fails the
 * load: the application is broken at the path its deployer chose to prove it.
 */
final class Warmup {

    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);

    /** Runs one request on a given interpreter; {@code release} runs once the request is over. */
    @FunctionalInterface
    interface OnInterpreter {
        Iterable<byte[]> call(Interpreter py, Map<String, Object> environ, StartResponse startResponse,
                Runnable release) throws Exception;
    }

    private Warmup() {
    }

    /**
     * Sends {@code GET target} to every interpreter through the in-process test client (a full PEP 3333 environ,
     * SERVER_NAME localhost) and waits for every answer.
     *
     * @throws PythonException when an answer is a 5xx, or the request could not be made
     */
    static void run(String spec, String target, List<Interpreter> interpreters, OnInterpreter on) {
        long begin = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(interpreters.size(),
                Thread.ofPlatform().name("graalpy-warmup-", 0).factory());
        List<Future<TestResponse>> answers = new ArrayList<>();
        try (senders) {
            for (Interpreter py : interpreters) {
                // debug: a 500's body carries the failure (Python's traceback), which the error below repeats
                answers.add(senders.submit(() -> new TestClient((environ, start) -> on.call(py, environ, start,
                        () -> { }), true).get(target)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<TestResponse> answer : answers) {
                TestResponse response = answer.get();
                if (response.status() >= 500) {
                    throw new PythonException(spec + ": the warm-up GET " + target + " was answered "
                            + response.status() + ":\n" + response.text().strip());
                }
                statuses.add(response.status());
            }
            LOG.info("{}: warm-up GET {} answered {} by each of {} interpreter(s) in {} ms", spec, target,
                    statuses.get(0), interpreters.size(), (System.nanoTime() - begin) / 1_000_000);
        } catch (ExecutionException e) {
            throw new PythonException(spec + ": the warm-up GET " + target + " failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PythonException(spec + ": interrupted during the warm-up GET " + target);
        }
    }
}
