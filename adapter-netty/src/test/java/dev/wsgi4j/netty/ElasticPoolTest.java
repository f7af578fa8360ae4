package dev.wsgi4j.netty;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The elastic pool: the same promises as any POOL executor (reuse, growth to the maximum, the bounded queue,
 * refusal, idle expiry, shutdown), and blocked applications never hold up the ones queued behind them.
 */
class ElasticPoolTest {

    private ElasticPool pool;

    private ElasticPool pool(int threads, int queue, long keepAliveMillis) {
        AtomicInteger n = new AtomicInteger();
        pool = new ElasticPool(2, threads, queue, TimeUnit.MILLISECONDS.toNanos(keepAliveMillis), r -> {
            Thread t = new Thread(r, "test-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        return pool;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (pool != null) {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).as("every thread ended").isTrue();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void tasksOneAfterAnotherReuseTheWarmestThread() {
        pool(8, 0, 60_000);
        Set<String> names = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 20; i++) {
            CountDownLatch done = new CountDownLatch(1);
            assertThat(pool.execute(() -> {
                names.add(Thread.currentThread().getName());
                done.countDown();
            })).isTrue();
            await(done);
            // Wait until every thread is back on the idle stack, so the next task finds the warmest there.
            waitUntil(() -> pool.idleCount() == pool.threadCount());
        }
        // One thread, or two when the monitor saw a task wait on a busy machine and added one.
        assertThat(names).hasSizeLessThanOrEqualTo(2);
        assertThat(pool.threadCount()).isLessThanOrEqualTo(2);
    }

    @Test
    void blockingTasksGetAThreadEachUpToTheMaximumThenQueueThenAreRefused() {
        pool(4, 2, 60_000);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(4);
        AtomicInteger ran = new AtomicInteger();
        Runnable blocking = () -> {
            started.countDown();
            await(release);
            ran.incrementAndGet();
        };
        for (int i = 0; i < 4; i++) {
            assertThat(pool.execute(blocking)).isTrue();
        }
        await(started);
        assertThat(pool.threadCount()).isEqualTo(4);

        assertThat(pool.execute(ran::incrementAndGet)).as("queued").isTrue();
        assertThat(pool.execute(ran::incrementAndGet)).as("queued").isTrue();
        assertThat(pool.execute(ran::incrementAndGet)).as("pool and queue full").isFalse();

        release.countDown();
        waitUntil(() -> ran.get() == 6);
        assertThat(pool.threadCount()).isEqualTo(4);
    }

    @Test
    void aTaskThatThrowsDoesNotEndItsThread() throws InterruptedException {
        pool(8, 100, 60_000);
        CountDownLatch thrown = new CountDownLatch(1);
        Thread[] ran = new Thread[1];
        assertThat(pool.execute(() -> {
            ran[0] = Thread.currentThread();
            thrown.countDown();
            throw new IllegalStateException("planted: a task that fails");
        })).isTrue();
        await(thrown);

        ran[0].join(500);
        assertThat(ran[0].isAlive()).as("the thread went back to wait for work").isTrue();
        CountDownLatch next = new CountDownLatch(1);
        assertThat(pool.execute(next::countDown)).isTrue();
        await(next);
    }

    @Test
    void tasksQueuedBehindBlockedOnesStillRun() {
        pool(8, 100, 60_000); // parallelism 2: two threads take tasks until the monitor sees them stuck
        CountDownLatch last = new CountDownLatch(1);
        for (int i = 0; i < 5; i++) {
            assertThat(pool.execute(() -> await(last))).isTrue();
        }
        // Five tasks wait for the sixth; it can only run on a thread the monitor adds.
        assertThat(pool.execute(last::countDown)).isTrue();
        await(last);
        waitUntil(() -> pool.idleCount() == pool.threadCount());
        assertThat(pool.threadCount()).isEqualTo(6);
    }

    @Test
    void idleThreadsEndAfterTheKeepAlive() {
        pool(4, 0, 50);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            pool.execute(() -> {
                started.countDown();
                await(release);
            });
        }
        await(started);
        release.countDown();

        waitUntil(() -> pool.threadCount() == 0);
        CountDownLatch again = new CountDownLatch(1);
        assertThat(pool.execute(again::countDown)).as("a new thread starts after the old ones ended").isTrue();
        await(again);
    }

    @Test
    void shutdownNowInterruptsRunningApplicationsAndRefusesNewTasks() throws InterruptedException {
        pool(2, 0, 60_000);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        pool.execute(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        await(started);

        pool.shutdownNow();

        await(interrupted);
        assertThat(pool.execute(() -> { })).isFalse();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void everyTaskFromManySubmittersRunsExactlyOnce() throws InterruptedException {
        pool(16, 100_000, 20);
        int submitters = 4;
        int perSubmitter = 20_000;
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Thread[] threads = new Thread[submitters];
        for (int s = 0; s < submitters; s++) {
            threads[s] = new Thread(() -> {
                for (int i = 0; i < perSubmitter; i++) {
                    if (!pool.execute(ran::incrementAndGet)) {
                        refused.incrementAndGet();
                    }
                    if (i % 1000 == 0) {
                        Thread.yield();
                    }
                }
            });
            threads[s].start();
        }
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(refused.get()).isZero();
        waitUntil(() -> ran.get() == submitters * perSubmitter);
        assertThat(pool.threadCount()).isLessThanOrEqualTo(16);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as("condition not met within 10 s").isNegative();
            Thread.onSpinWait();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
