package dev.wsgi4j.netty;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The application threads of {@link ExecutorKind#POOL} (SPEC.md §6.3): as many threads as requests actually run at
 * once, up to {@code maxThreads}, then a bounded queue, then refusal (the server answers 503).
 * <p>Why not a {@code ThreadPoolExecutor}: with a fixed core of hundreds of threads (needed so that blocking
 * applications can run that many at once) it starts a new thread for every task until the core is full and then
 * wakes its waiting threads in FIFO order, so each request lands on the coldest thread. Here an idle thread waits on
 * a LIFO stack and a task is handed straight to the one that went idle last, whose stack and caches are still warm;
 * a new thread starts only when no thread is idle, and idle threads end after {@code keepAlive}.
 */
final class WorkerPool {

    private static final Runnable WAKE = () -> { };

    private final int maxThreads;
    private final int maxQueued;
    private final long keepAliveNanos;
    private final ThreadFactory threads;
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private volatile boolean shutdown;

    WorkerPool(int maxThreads, int maxQueued, long keepAliveNanos, ThreadFactory threads) {
        this.maxThreads = maxThreads;
        this.maxQueued = maxQueued;
        this.keepAliveNanos = keepAliveNanos;
        this.threads = threads;
    }

    /** Runs {@code task} on an idle thread, a new one, or later from the queue; false when all are full. */
    boolean execute(Runnable task) {
        if (shutdown) {
            return false;
        }
        if (handToIdle(task)) {
            return true;
        }
        if (live.incrementAndGet() <= maxThreads) {
            Worker worker = new Worker(task);
            worker.thread = threads.newThread(worker);
            running.add(worker.thread);
            worker.thread.start();
            return true;
        }
        live.decrementAndGet();
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            return false;
        }
        queue.add(task);
        // A thread may have gone idle after handToIdle looked: wake one so that the task cannot be stranded.
        handToIdle(WAKE);
        return true;
    }

    private boolean handToIdle(Runnable task) {
        Worker worker = idle.pollFirst();
        if (worker == null) {
            return false;
        }
        worker.give(task);
        return true;
    }

    /** Number of threads waiting for a task now. */
    int idleCount() {
        return idle.size();
    }

    /** Number of threads alive now (running or idle). */
    int threadCount() {
        return live.get();
    }

    /** Takes no new tasks; idle threads end at once, busy ones after their task and the queue. */
    void shutdown() {
        shutdown = true;
        while (handToIdle(WAKE)) {
            // every idle thread wakes, finds nothing to do and ends
        }
    }

    /** Like {@link #shutdown()}, and interrupts the applications still running. */
    void shutdownNow() {
        shutdown();
        for (Thread thread : running) {
            thread.interrupt();
        }
    }

    /** Waits until every thread has ended or the time is up; true when all ended. */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (live.get() > 0) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private Runnable poll() {
        Runnable task = queue.poll();
        if (task != null) {
            queued.decrementAndGet();
        }
        return task;
    }

    private final class Worker implements Runnable {
        /** The task handed over while this worker waits on the idle stack; null while it waits. */
        private final AtomicReference<Runnable> handed = new AtomicReference<>();
        private Runnable first;
        private Thread thread;

        Worker(Runnable first) {
            this.first = first;
        }

        /** Called by whoever popped this worker off the idle stack, which makes it the only caller. */
        void give(Runnable task) {
            handed.set(task);
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            try {
                Runnable task = first;
                first = null;
                while (task != null) {
                    if (task != WAKE) {
                        task.run();
                    }
                    task = poll();
                    if (task == null) {
                        task = awaitTask();
                    }
                }
            } finally {
                running.remove(thread);
                live.decrementAndGet();
            }
        }

        /** Waits on the idle stack until handed a task; null when this thread should end. */
        private Runnable awaitTask() {
            if (shutdown) {
                return null;
            }
            handed.set(null);
            idle.addFirst(this);
            // A task queued just before this worker became visible would otherwise wait for the next execute().
            if (!queue.isEmpty() && idle.removeFirstOccurrence(this)) {
                return WAKE;
            }
            long deadline = System.nanoTime() + keepAliveNanos;
            while (true) {
                Runnable task = handed.get();
                if (task != null) {
                    return task;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || shutdown) {
                    if (idle.removeFirstOccurrence(this)) {
                        return null; // nobody took this worker: it may end
                    }
                    // Someone popped it and is about to hand it a task: wait for that.
                    deadline = System.nanoTime() + keepAliveNanos;
                    left = keepAliveNanos;
                }
                LockSupport.parkNanos(this, left);
            }
        }
    }
}
