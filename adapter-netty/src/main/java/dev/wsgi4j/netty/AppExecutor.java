package dev.wsgi4j.netty;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
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
        return create(config.executor(), config.poolParallelism(), config.workerThreads(), config.workerQueue(),
                "wsgi4j-app-", config.requestTimeout().toNanos());
    }

    /**
     * One executor of {@code kind}; {@code parallelism}, {@code threads} and {@code queue} size a
     * {@link ExecutorKind#POOL} (as {@link ServerConfig#poolParallelism()}, {@code workerThreads} and
     * {@code workerQueue} do), whose threads are named {@code threadNames} and a number; each call it runs may take
     * {@code requestTimeoutNanos} (0 for no limit; never a limit inline, where nothing could stop a call). A mount of
     * its own ({@code dev.wsgi4j.netty.mount}) gets one of these each.
     */
    public static AppExecutor create(ExecutorKind kind, int parallelism, int threads, int queue, String threadNames,
                                     long requestTimeoutNanos) {
        return switch (kind) {
            case POOL -> new AppExecutor(null, new ElasticPool(Math.min(parallelism, threads), threads, queue,
                    TimeUnit.SECONDS.toNanos(30), new NamedThreads(threadNames)), false, requestTimeoutNanos);
            case VIRTUAL -> new AppExecutor(virtualThreadPerTask(), null, false, requestTimeoutNanos);
            case INLINE -> new AppExecutor(null, null, true, 0); // ServerConfig and mounts refuse a timeout inline
            case SINGLE -> new AppExecutor(singleThread(queue, threadNames), null, false, requestTimeoutNanos);
        };
    }

    /** One thread, a queue of at most {@code queue} requests (none: refused while busy), taken in order. */
    private static ExecutorService singleThread(int queue, String threadNames) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue),
                new NamedThreads(threadNames + "single-"));
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
     * Requests waiting for a thread: the pool's or the single thread's queue; always 0 for virtual threads (each
     * request starts its own) and inline (nothing waits).
     */
    public int queued() {
        if (service instanceof ThreadPoolExecutor single) {
            return single.getQueue().size();
        }
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
