package dev.wsgi4j.gateway;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * A Collection body that lets the server use only what PEP 3333 allows (iteration, len, close): every other
 * method fails the test, and iterator() may be asked for once.
 */
final class StrictCollectionBody implements Collection<byte[]>, AutoCloseable {

    final AtomicInteger closes = new AtomicInteger();
    final AtomicInteger iterators = new AtomicInteger();
    private final List<byte[]> chunks;

    StrictCollectionBody(List<byte[]> chunks) {
        this.chunks = chunks;
    }

    @Override
    public int size() {
        return chunks.size();
    }

    @Override
    public Iterator<byte[]> iterator() {
        if (iterators.incrementAndGet() > 1) {
            throw new AssertionError("iterator() requested a second time");
        }
        return chunks.iterator();
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }

    private static AssertionError touched(String what) {
        return new AssertionError("the server used " + what + " of the body");
    }

    // CHECKSTYLE:OFF everything below is forbidden to the server
    @Override public boolean isEmpty() { throw touched("isEmpty"); }
    @Override public boolean contains(Object o) { throw touched("contains"); }
    @Override public Object[] toArray() { throw touched("toArray"); }
    @Override public <T> T[] toArray(T[] a) { throw touched("toArray"); }
    @Override public <T> T[] toArray(IntFunction<T[]> generator) { throw touched("toArray"); }
    @Override public boolean add(byte[] e) { throw touched("add"); }
    @Override public boolean remove(Object o) { throw touched("remove"); }
    @Override public boolean containsAll(Collection<?> c) { throw touched("containsAll"); }
    @Override public boolean addAll(Collection<? extends byte[]> c) { throw touched("addAll"); }
    @Override public boolean removeAll(Collection<?> c) { throw touched("removeAll"); }
    @Override public boolean removeIf(Predicate<? super byte[]> filter) { throw touched("removeIf"); }
    @Override public boolean retainAll(Collection<?> c) { throw touched("retainAll"); }
    @Override public void clear() { throw touched("clear"); }
    @Override public java.util.Spliterator<byte[]> spliterator() { throw touched("spliterator"); }
    @Override public java.util.stream.Stream<byte[]> stream() { throw touched("stream"); }
    @Override public void forEach(java.util.function.Consumer<? super byte[]> action) { throw touched("forEach"); }
    @Override public boolean equals(Object o) { throw touched("equals"); }
    @Override public int hashCode() { throw touched("hashCode"); }
    @Override public String toString() { throw touched("toString"); }
}
