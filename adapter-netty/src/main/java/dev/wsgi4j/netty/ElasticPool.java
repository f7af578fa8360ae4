package dev.wsgi4j.netty;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Application threads that cost no wake-up per request while they keep up (SPEC.md §6.3). Tasks go to one queue;
 * at most {@code parallelism} threads (the cores) take from it back to back, so while requests arrive faster than
 * they finish, a thread goes on to the next without parking and the event loop wakes nobody. Applications may
 * block, though: a monitor thread looks every millisecond, and when tasks have waited through two looks while no
 * task started, it wakes or starts a thread per waiting task, up to {@code maxThreads}, so that blocked applications
 * hold up the queue for about two milliseconds at most.
 * <p>Beyond {@code maxThreads} running and {@code maxQueued} waiting, {@link #execute} refuses (the server answers
 * 503). Idle threads wait on a LIFO stack, so the warmest is woken first, and end after {@code keepAlive}.
 */
final class ElasticPool {

    private static final Logger LOG = LoggerFactory.getLogger(ElasticPool.class);

    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long IDLE_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final int parallelism;
    private final int maxThreads;
    private final int maxQueued;
    private final long keepAliveNanos;
    private final ThreadFactory threads;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Tasks taken from the queue so far: the monitor's measure of progress. */
    private final AtomicLong started = new AtomicLong();
    /** Threads not parked: taking tasks or running one. */
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger live = new AtomicInteger();
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private final Set<Thread> running = ConcurrentHashMap.newKeySet();
    private final Thread monitor;
    private volatile boolean shutdown;

    ElasticPool(int parallelism, int maxThreads, int maxQueued, long keepAliveNanos, ThreadFactory threads) {
        this.parallelism = Math.max(1, Math.min(parallelism, maxThreads));
        this.maxThreads = maxThreads;
        this.maxQueued = maxQueued;
        this.keepAliveNanos = keepAliveNanos;
        this.threads = threads;
        this.monitor = threads.newThread(this::watch);
        monitor.start();
    }

    /** Queues {@code task}; false when more than {@code maxQueued} wait and no thread is idle or may start. */
    boolean execute(Runnable task) {
        if (shutdown) {
            return false;
        }
        queue.add(task);
        if (queued.incrementAndGet() > maxQueued) {
            // More wait than may queue: a thread must come for them now, or this task is refused.
            if (wakeOne()) {
                return true;
            }
            if (queue.remove(task)) {
                queued.decrementAndGet();
                return false;
            }
            return true; // a thread took it meanwhile
        }
        if (active.get() < parallelism) {
            wakeOne();
        }
        return true;
    }

    /** Tasks waiting for a thread (the metrics' executor queue depth). */
    int queuedCount() {
        return Math.max(0, queued.get());
    }

    /** Number of threads alive now (running or idle), the monitor not counted. */
    int threadCount() {
        return live.get();
    }

    /** Number of threads waiting for work now. */
    int idleCount() {
        return idle.size();
    }

    /** Takes no new tasks; idle threads end at once, busy ones once the queue is empty. */
    void shutdown() {
        shutdown = true;
        LockSupport.unpark(monitor);
        for (Worker worker = idle.pollFirst(); worker != null; worker = idle.pollFirst()) {
            active.incrementAndGet();
            worker.wake();
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
        while (live.get() > 0 || monitor.isAlive()) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Wakes the warmest idle thread, or starts one; false when neither is possible. */
    private boolean wakeOne() {
        Worker worker = idle.pollFirst();
        if (worker != null) {
            active.incrementAndGet();
            worker.wake();
            return true;
        }
        return startWorker();
    }

    private boolean startWorker() {
        if (live.incrementAndGet() > maxThreads) {
            live.decrementAndGet();
            return false;
        }
        active.incrementAndGet();
        Worker worker = new Worker();
        worker.thread = threads.newThread(worker);
        running.add(worker.thread);
        worker.thread.start();
        return true;
    }

    private Runnable poll() {
        Runnable task = queue.poll();
        if (task != null) {
            queued.decrementAndGet();
            started.incrementAndGet();
        }
        return task;
    }

    /**
     * The monitor: tasks waiting through two looks in a row while none started means the running ones are blocked
     * (one look could fall between a task's arrival and its thread getting the CPU).
     */
    private void watch() {
        long seen = started.get();
        int stalled = 0;
        while (!shutdown) {
            LockSupport.parkNanos(this, queued.get() > 0 || active.get() > 0 ? TICK_NANOS : IDLE_TICK_NANOS);
            long now = started.get();
            stalled = now == seen && queued.get() > 0 ? stalled + 1 : 0;
            if (stalled >= 2) {
                stalled = 0;
                for (int waiting = queued.get(); waiting > 0 && wakeOne(); waiting--) {
                    // one thread per waiting task, up to maxThreads
                }
            }
            seen = now;
        }
    }

    private final class Worker implements Runnable {
        private volatile boolean woken;
        private Thread thread;

        void wake() {
            woken = true;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Runnable task = poll();
                    if (task != null) {
                        runSafely(task);
                    } else if (!awaitWork()) {
                        return;
                    }
                }
            } finally {
                running.remove(thread);
                live.decrementAndGet();
            }
        }

        /** A task that throws must not take its thread, and the pool's count of awake threads, with it. */
        private void runSafely(Runnable task) {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.error("an application task failed outside the server's own error handling", e);
            }
        }

        /** Parks on the idle stack until woken (true) or until this thread should end (false). */
        private boolean awaitWork() {
            woken = false;
            active.decrementAndGet();
            idle.addFirst(this);
            // execute() adds before it reads `active`, and this thread reads the queue after lowering it: one of
            // the two sees the other, so a task cannot be left waiting with too few threads awake.
            if ((shutdown || !queue.isEmpty()) && idle.removeFirstOccurrence(this)) {
                active.incrementAndGet();
                return !shutdown || !queue.isEmpty();
            }
            long deadline = System.nanoTime() + keepAliveNanos;
            while (!woken) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (idle.removeFirstOccurrence(this)) {
                        return false; // nobody took this thread: it may end
                    }
                    deadline = System.nanoTime() + keepAliveNanos; // being woken right now: wait for it
                    continue;
                }
                LockSupport.parkNanos(this, left);
            }
            return !shutdown || !queue.isEmpty();
        }
    }
}
