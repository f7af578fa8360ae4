package dev.wsgi4j.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;

/** Response bodies for driver tests: lazy, closeable, and counting how they are used. */
final class Bodies {

    private Bodies() {
    }

    /** One step of a lazy body: produces the next chunk, may call start_response or throw first. */
    @FunctionalInterface
    interface Step {
        byte[] next() throws Exception;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Step chunk(String s) {
        return () -> bytes(s);
    }

    static Step fail(RuntimeException e) {
        return () -> {
            throw e;
        };
    }

    /** A generator-like body: not a Collection, closeable, counting iterator() and close() calls. */
    static final class Lazy implements Iterable<byte[]>, AutoCloseable {
        final AtomicInteger closes = new AtomicInteger();
        final AtomicInteger iterators = new AtomicInteger();
        final AtomicInteger produced = new AtomicInteger();
        private final List<Step> steps;
        private final boolean endless;

        private Lazy(List<Step> steps, boolean endless) {
            this.steps = steps;
            this.endless = endless;
        }

        static Lazy of(Step... steps) {
            return new Lazy(List.of(steps), false);
        }

        /** Repeats its single step forever, like an unbounded generator. */
        static Lazy endless(Step step) {
            return new Lazy(List.of(step), true);
        }

        @Override
        public Iterator<byte[]> iterator() {
            iterators.incrementAndGet();
            return new Iterator<>() {
                private int index;

                @Override
                public boolean hasNext() {
                    return endless || index < steps.size();
                }

                @Override
                public byte[] next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    Step step = steps.get(endless ? 0 : index++);
                    produced.incrementAndGet();
                    try {
                        return step.next();
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            };
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
