package dev.wsgi4j.graalpy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.graalvm.polyglot.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interpreters serving one application, all on one shared {@link Engine} (so parsed and compiled code is
 * shared between them). A request borrows one for its whole length (call, body, close) and gives it back; when
 * all are lent, the borrowing thread (a worker, never an event loop) waits, for at most the options' busy timeout.
 */
final class InterpreterPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InterpreterPool.class);

    private final Engine engine;
    private final List<Interpreter> all;
    private final BlockingQueue<Interpreter> idle;

    private InterpreterPool(Engine engine, List<Interpreter> all) {
        this.engine = engine;
        this.all = List.copyOf(all);
        this.idle = new ArrayBlockingQueue<>(all.size(), false, all);
    }

    /** Creates {@code options.poolSize()} interpreters in parallel, each importing {@code spec}. */
    static InterpreterPool start(String spec, PythonOptions options) {
        Engine engine = Engine.newBuilder("python")
                .option("engine.WarnInterpreterOnly", "false")
                .logHandler(new EngineLog())
                .build();
        logRuntime(engine);
        List<Interpreter> started = new ArrayList<>();
        Throwable failure = null;
        long begin = System.nanoTime();
        List<Future<Interpreter>> futures = new ArrayList<>();
        ExecutorService starters = Executors.newFixedThreadPool(options.poolSize(),
                Thread.ofPlatform().name("graalpy-start-", 0).factory());
        try {
            for (int i = 0; i < options.poolSize(); i++) {
                futures.add(starters.submit(() -> Interpreter.start(engine, spec, options)));
            }
            for (Future<Interpreter> future : futures) {
                started.add(future.get());
            }
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (InterruptedException e) {
            failure = new IllegalStateException("interrupted while starting the Python interpreters", e);
        } finally {
            // Waits for every start to end (interrupting them if this thread was interrupted), so that on a
            // failure no interpreter is left running unseen: an engine closed under a live context can hang.
            starters.close();
        }
        if (failure != null) {
            for (Future<Interpreter> future : futures) {
                if (future.state() == Future.State.SUCCESS && !started.contains(future.resultNow())) {
                    started.add(future.resultNow());
                }
            }
            started.forEach(Interpreter::close);
            engine.close(true);
            if (failure.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
        }
        LOG.info("{}: {} Python interpreter(s) ready in {} ms", spec, started.size(),
                (System.nanoTime() - begin) / 1_000_000);
        return new InterpreterPool(engine, started);
    }

    /** Logs once whether Python code will be compiled to machine code or only interpreted. */
    private static void logRuntime(Engine engine) {
        String runtime = engine.getImplementationName();
        if ("Interpreted".equals(runtime)) {
            LOG.warn("GraalPy runs interpreted (no optimizing runtime): Python code runs several times slower. "
                    + "Put org.graalvm.compiler:compiler on --upgrade-module-path and run with "
                    + "-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI to compile it.");
        } else {
            LOG.info("GraalPy runs with the optimizing runtime ({})", runtime);
        }
    }

    int size() {
        return all.size();
    }

    /** An idle interpreter, waiting at most {@code timeoutNanos} for one; null when none came free in time. */
    Interpreter borrow(long timeoutNanos) throws InterruptedException {
        return idle.poll(timeoutNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void release(Interpreter interpreter) {
        idle.add(interpreter);
    }

    @Override
    public void close() {
        all.forEach(Interpreter::close);
        engine.close(true);
    }
}
