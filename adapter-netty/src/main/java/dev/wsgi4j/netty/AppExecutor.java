package dev.wsgi4j.netty;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs applications off the event loop (SPEC.md §6.3). Decided once at start from {@link ServerConfig}; a
 * submission that cannot be queued returns false so the server answers 503 at once instead of queueing without end.
 * It also carries how long a call it runs may take ({@link #requestTimeoutNanos()}), so that whatever picks an
 * executor for a request (the server today, a mount of its own later) picks that call's deadline with it.
 */
public final class AppExecutor {

    private final ExecutorService service;
    private final ElasticPool pool;
    private final boolean inline;
    private final long requestTimeoutNanos;

    private AppExecutor(ExecutorService service, ElasticPool pool, boolean inline, long requestTimeoutNanos) {
        this.service = service;
        this.pool = pool;
        this.inline = inline;
        this.requestTimeoutNanos = requestTimeoutNanos;
    }

    public static AppExecutor create(ServerConfig config) {
        long timeout = config.requestTimeout().toNanos();
        return switch (config.executor()) {
            case POOL -> new AppExecutor(null, new ElasticPool(config.poolParallelism(), config.workerThreads(),
                    config.workerQueue(), TimeUnit.SECONDS.toNanos(30), new NamedThreads("wsgi4j-app-")), false,
                    timeout);
            case VIRTUAL -> new AppExecutor(virtualThreadPerTask(), null, false, timeout);
            case INLINE -> new AppExecutor(null, null, true, 0); // ServerConfig refuses a timeout with INLINE
        };
    }

    /** How long a call this executor runs may take before the server answers in its place; 0 for no limit. */
    public long requestTimeoutNanos() {
        return requestTimeoutNanos;
    }

    /** True when applications run on the event loop, which must then never wait for writability. */
    public boolean inline() {
        return inline;
    }

    /**
     * Requests waiting for a thread: the pool's queue; always 0 for virtual threads (each request starts its own)
     * and inline (nothing waits).
     */
    public int queued() {
        return pool == null ? 0 : pool.queuedCount();
    }

    /** Runs {@code task} now (inline) or later; false when the pool and its queue are full. */
    public boolean execute(Runnable task) {
        if (inline) {
            task.run();
            return true;
        }
        if (pool != null) {
            return pool.execute(task);
        }
        try {
            service.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Stops taking work and waits up to {@code millis} for running applications. */
    public void shutdown(long millis) throws InterruptedException {
        if (pool != null) {
            pool.shutdown();
            if (!pool.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        }
        if (service != null) {
            service.shutdown();
            if (!service.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
                service.shutdownNow();
            }
        }
    }

    /** True when this JVM can run {@link ExecutorKind#VIRTUAL}. */
    public static boolean virtualThreadsAvailable() {
        return Runtime.version().feature() >= 21;
    }

    /** Built for Java 17, so the Java 21 factory is looked up once, at start. */
    private static ExecutorService virtualThreadPerTask() {
        if (!virtualThreadsAvailable()) {
            throw new IllegalStateException("executor=virtual needs Java 21 or newer; this is "
                    + Runtime.version());
        }
        try {
            return (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class))
                    .invoke();
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create virtual threads", t);
        }
    }

    private static final class NamedThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
