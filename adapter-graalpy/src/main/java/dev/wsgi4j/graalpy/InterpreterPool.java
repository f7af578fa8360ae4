package dev.wsgi4j.graalpy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.graalvm.polyglot.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interpreters serving one application, all on one shared {@link Engine} (so parsed and compiled code is
 * shared between them). A request borrows one for its whole length (call, body, close) and gives it back. Each
 * interpreter is lent to at most {@code threads} requests at once, and a request gets the least busy one, so load
 * spreads over the interpreters (whose Python runs truly in parallel) before it doubles up inside one (where it
 * takes turns under the GIL). When every place is taken, the borrowing thread (a worker, never an event loop)
 * waits, for at most the options' busy timeout.
 */
final class InterpreterPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InterpreterPool.class);

    private final Engine engine;
    private final List<Interpreter> all;
    private final int threads;
    /** Requests in each interpreter, by its index in {@link #all}; guarded by itself. */
    private final int[] lent;
    /** Places left: interpreters × threads, less the requests holding one. */
    private final Semaphore places;

    private InterpreterPool(Engine engine, List<Interpreter> all, int threads) {
        this.engine = engine;
        this.all = List.copyOf(all);
        this.threads = threads;
        this.lent = new int[all.size()];
        this.places = new Semaphore(all.size() * threads, true);
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
        return new InterpreterPool(engine, started, options.threads());
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

    /** How many requests one interpreter serves at once. */
    int threads() {
        return threads;
    }

    /** The interpreters, for work that must reach each one (the warm-up). */
    List<Interpreter> interpreters() {
        return all;
    }

    /**
     * The least busy interpreter with a free place, waiting at most {@code timeoutNanos} for one; null when none
     * came free in time. Every interpreter borrowed must be {@linkplain #release released} exactly once.
     */
    Interpreter borrow(long timeoutNanos) throws InterruptedException {
        if (!places.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS)) {
            return null;
        }
        synchronized (lent) {
            int least = 0;
            for (int i = 1; i < lent.length; i++) {
                if (lent[i] < lent[least]) {
                    least = i;
                }
            }
            lent[least]++; // a free place exists, so the least busy one has it
            return all.get(least);
        }
    }

    void release(Interpreter interpreter) {
        synchronized (lent) {
            int index = all.indexOf(interpreter);
            if (index < 0 || lent[index] == 0) {
                throw new IllegalStateException("an interpreter was released that was not lent");
            }
            lent[index]--;
        }
        places.release();
    }

    @Override
    public void close() {
        all.forEach(Interpreter::close);
        engine.close(true);
    }
}
