package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ApplicationSlot}: which application a request runs on, and when a swapped-out one is closed. */
class ApplicationSlotTest {

    /** An application that counts its closes and remembers on which thread the first ran. */
    static final class ClosingApp implements Application, AutoCloseable {
        final String name;
        final AtomicInteger closes = new AtomicInteger();
        volatile String closedOn;
        volatile boolean failClose;

        ClosingApp(String name) {
            this.name = name;
        }

        @Override
        public Iterable<byte[]> call(Map<String, Object> environ, dev.wsgi4j.StartResponse startResponse) {
            return List.of();
        }

        @Override
        public void close() {
            if (closes.incrementAndGet() == 1) {
                closedOn = Thread.currentThread().getName();
            }
            if (failClose) {
                throw new IllegalStateException("close of " + name + " failed on purpose");
            }
        }
    }

    private static void await(java.util.concurrent.CompletionStage<Void> closed) throws Exception {
        closed.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void newRequestsRunOnTheNewApplicationWhileEnteredOnesKeepTheOld() {
        ClosingApp a = new ClosingApp("a");
        ClosingApp b = new ClosingApp("b");
        ApplicationSlot slot = new ApplicationSlot(a);
        ApplicationSlot.Generation first = slot.acquire();
        ApplicationSlot.Generation second = slot.acquire();

        slot.swap(b);
        ApplicationSlot.Generation third = slot.acquire();

        assertThat(first.application()).isSameAs(a);
        assertThat(second.application()).isSameAs(a);
        assertThat(third.application()).isSameAs(b);
        assertThat(third.number()).isEqualTo(first.number() + 1);
        assertThat(first.inFlight()).isEqualTo(2);
        assertThat(third.inFlight()).isEqualTo(1);
        third.release();
        assertThat(slot.current().inFlight()).isZero();
    }

    @Test
    void theOldApplicationClosesOnceAfterItsLastRequestOffTheCallersThread() throws Exception {
        ClosingApp a = new ClosingApp("a");
        ApplicationSlot slot = new ApplicationSlot(a);
        ApplicationSlot.Generation first = slot.acquire();
        ApplicationSlot.Generation second = slot.acquire();
        CompletableFuture<Void> closed = slot.swap(new ClosingApp("b")).toCompletableFuture();

        first.release();
        Thread.sleep(50); // a close that ran too early would have had the time to show
        assertThat(a.closes.get()).isZero();
        assertThat(closed).isNotDone();

        second.release();
        await(closed);
        assertThat(a.closes.get()).isEqualTo(1);
        assertThat(a.closedOn).startsWith("wsgi4j-app-close-").isNotEqualTo(Thread.currentThread().getName());
        assertThat(slot.acquire().application()).isNotSameAs(a); // a retired generation is never entered again
    }

    @Test
    void withNoRequestInFlightTheSwapClosesTheOldApplicationAtOnce() throws Exception {
        ClosingApp a = new ClosingApp("a");
        ApplicationSlot slot = new ApplicationSlot(a);
        await(slot.swap(new ClosingApp("b")));
        assertThat(a.closes.get()).isEqualTo(1);
    }

    @Test
    void aFailingCloseIsLoggedNotThrownAndTheSlotGoesOn() throws Exception {
        ClosingApp a = new ClosingApp("a");
        a.failClose = true;
        ClosingApp b = new ClosingApp("b");
        ApplicationSlot slot = new ApplicationSlot(a);

        await(slot.swap(b)); // completes normally although close() threw
        assertThat(a.closes.get()).isEqualTo(1);
        ApplicationSlot.Generation next = slot.acquire();
        assertThat(next.application()).isSameAs(b);
        next.release();
        await(slot.swap(new ClosingApp("c")));
        assertThat(b.closes.get()).isEqualTo(1);
    }

    @Test
    void anApplicationThatIsNotCloseableIsJustDropped() throws Exception {
        Application plain = (env, sr) -> List.of();
        ApplicationSlot slot = new ApplicationSlot(plain);
        ApplicationSlot.Generation held = slot.acquire();
        CompletableFuture<Void> closed = slot.swap(new ClosingApp("b")).toCompletableFuture();
        assertThat(closed).isNotDone();
        held.release();
        await(closed);
    }

    @Test
    void anInstanceSwappedBackInIsClosedOnlyWhenNoGenerationServesItAnyMore() throws Exception {
        ClosingApp a = new ClosingApp("a");
        ClosingApp b = new ClosingApp("b");
        ApplicationSlot slot = new ApplicationSlot(a);
        ApplicationSlot.Generation onFirstA = slot.acquire();
        CompletableFuture<Void> firstAOut = slot.swap(b).toCompletableFuture();
        CompletableFuture<Void> bOut = slot.swap(a).toCompletableFuture(); // a again, while generation 1 still runs

        await(bOut);
        onFirstA.release();
        await(firstAOut);
        assertThat(a.closes.get()).as("a still serves in generation 3").isZero();
        assertThat(b.closes.get()).isEqualTo(1);

        await(slot.swap(new ClosingApp("c")));
        assertThat(a.closes.get()).isEqualTo(1);
    }

    /**
     * Threads enter and leave as fast as they can while another swaps between fresh applications: every request
     * sees an application that is not closed yet, and every swapped-out one is closed exactly once.
     */
    @Test
    void underConcurrentSwapsNoRequestRunsOnAClosedApplicationAndEachClosesOnce() throws Exception {
        List<ClosingApp> apps = new CopyOnWriteArrayList<>();
        ClosingApp initial = new ClosingApp("app-0");
        apps.add(initial);
        ApplicationSlot slot = new ApplicationSlot(initial);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger closedSeen = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        int threads = 4;
        CountDownLatch started = new CountDownLatch(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> workers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                started.countDown();
                while (running.get()) {
                    ApplicationSlot.Generation g = slot.acquire();
                    ClosingApp app = (ClosingApp) g.application();
                    if (app.closes.get() != 0) {
                        closedSeen.incrementAndGet();
                    }
                    Thread.onSpinWait();
                    if (app.closes.get() != 0) {
                        closedSeen.incrementAndGet();
                    }
                    g.release();
                    served.incrementAndGet();
                }
            }));
        }
        List<CompletableFuture<Void>> retirements = new java.util.ArrayList<>();
        try {
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 200; i++) {
                ClosingApp next = new ClosingApp("app-" + i);
                apps.add(next);
                retirements.add(slot.swap(next).toCompletableFuture());
            }
        } finally {
            running.set(false);
            pool.shutdown();
        }
        for (Future<?> worker : workers) {
            worker.get(10, TimeUnit.SECONDS);
        }
        CompletableFuture.allOf(retirements.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        assertThat(served.get()).isPositive();
        assertThat(closedSeen.get()).isZero();
        assertThat(apps.subList(0, apps.size() - 1)).allSatisfy(app -> assertThat(app.closes.get()).isEqualTo(1));
        assertThat(apps.get(apps.size() - 1).closes.get()).isZero();
        assertThat(slot.current().inFlight()).isZero();
    }
}
