package dev.wsgi4j.netty;

import dev.wsgi4j.Application;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application that answers requests now, swappable while the server runs (SPEC.md §6.11). Each application put
 * in is a {@link Generation}; a request holds its generation from before the call until its body is closed, so a
 * swap sends new requests to the new application at once while those in flight finish on the one they started on.
 * When a generation that was swapped out has no request left, its application is closed, if it is
 * {@link AutoCloseable}: once, on a thread of its own (never an event loop), a failure logged.
 * <p>Per request: one volatile read, one compare-and-set to enter, one decrement to leave; no lock. Swaps and
 * retirements, which are rare, synchronize on the slot. Each mount (the root among them) has its own slot.
 */
public final class ApplicationSlot {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationSlot.class);

    private volatile Generation current;
    /** Generations swapped out whose requests have not all ended. Guarded by {@code this}. */
    private final List<Generation> retiring = new ArrayList<>(2);

    public ApplicationSlot(Application application) {
        this.current = new Generation(Objects.requireNonNull(application, "application"), 1);
    }

    /**
     * The generation the next request runs on, entered: the caller must {@link Generation#release()} it exactly
     * once, after the response's body is closed. Lock-free: a generation being retired at the same moment refuses
     * the entry, and the newer one is read again.
     */
    public Generation acquire() {
        while (true) {
            Generation generation = current;
            if (generation.enter()) {
                return generation;
            }
        }
    }

    /** The generation serving new requests now (not entered: for looking only). */
    public Generation current() {
        return current;
    }

    /**
     * Serves new requests with {@code next} from now on. The generation it replaces keeps the requests it has;
     * the stage returned completes once the last of them ended and its application's {@code close()} has run (or
     * was not needed: not closeable, or the same instance still serves in another generation).
     */
    public CompletionStage<Void> swap(Application next) {
        Objects.requireNonNull(next, "application");
        Generation old;
        synchronized (this) {
            old = current;
            retiring.add(old);
            current = new Generation(next, old.number + 1);
            LOG.info("now serving {} (generation {}); generation {} ({}) finishes its requests, then closes",
                    next.getClass().getName(), old.number + 1, old.number, old.application.getClass().getName());
        }
        old.release(); // the slot's own hold: from now on the count only falls
        return old.closed.minimalCompletionStage();
    }

    /** {@code generation} has no request left and is not current: closes its application unless it still serves. */
    private void retired(Generation generation) {
        boolean stillServes;
        synchronized (this) {
            retiring.remove(generation);
            stillServes = current.application == generation.application
                    || retiring.stream().anyMatch(g -> g.application == generation.application);
        }
        if (stillServes || !(generation.application instanceof AutoCloseable closeable)) {
            generation.closed.complete(null);
            return;
        }
        Thread closer = new Thread(() -> close(generation, closeable), "wsgi4j-app-close-" + generation.number);
        closer.setDaemon(true);
        closer.start();
    }

    private static void close(Generation generation, AutoCloseable closeable) {
        try {
            closeable.close();
            LOG.info("closed {} (generation {}) after its last request", generation.application.getClass().getName(),
                    generation.number);
        } catch (Exception | LinkageError e) {
            LOG.error("closing {} (generation {}) failed", generation.application.getClass().getName(),
                    generation.number, e);
        } finally {
            generation.closed.complete(null);
        }
    }

    /**
     * One application put in the slot, with its number (1 for the first) and the count of holds on it: the
     * requests running on it, plus the slot's own while it is current. At zero it is retired for good.
     */
    public final class Generation {

        private final Application application;
        private final long number;
        private final AtomicInteger holds = new AtomicInteger(1);
        private final CompletableFuture<Void> closed = new CompletableFuture<>();

        private Generation(Application application, long number) {
            this.application = application;
            this.number = number;
        }

        public Application application() {
            return application;
        }

        public long number() {
            return number;
        }

        /** Requests running on this generation now. */
        int inFlight() {
            int n = holds.get();
            return current == this ? n - 1 : n;
        }

        /** Adds a hold unless the count already reached zero (retired: no request may start on it again). */
        private boolean enter() {
            for (int n = holds.get(); n > 0; n = holds.get()) {
                if (holds.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
            return false;
        }

        /** Ends one hold: a request's, once its body is closed, or the slot's own at a swap. */
        public void release() {
            int left = holds.decrementAndGet();
            if (left == 0) {
                retired(this);
            } else if (left < 0) {
                throw new IllegalStateException("generation " + number + " released more often than entered");
            }
        }
    }
}
