package dev.wsgi4j.middleware;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;

/**
 * The response body as {@link Validator} hands it to the server (wsgiref's {@code IteratorWrapper}): checks that
 * the server iterates once, gets byte arrays only after {@code start_response}, stops after close, and closes
 * exactly once. A {@link Collection} body stays a Collection, so the gateway still sends it with a known length.
 */
final class ValidatingBody implements Iterable<byte[]>, AutoCloseable {

    private final Iterable<byte[]> body;
    private final ValidatingStartResponse start;
    private final Violations violations;
    private boolean iterated;
    private volatile boolean closed;

    private ValidatingBody(Iterable<byte[]> body, ValidatingStartResponse start, Violations violations) {
        this.body = body;
        this.start = start;
        this.violations = violations;
        violations.bodyOpened();
    }

    static Iterable<byte[]> of(Iterable<byte[]> body, ValidatingStartResponse start, Violations violations) {
        ValidatingBody checked = new ValidatingBody(body, start, violations);
        return body instanceof Collection<?> collection ? new AsCollection(checked, collection) : checked;
    }

    @Override
    public Iterator<byte[]> iterator() {
        if (iterated) {
            throw violations.fail("S-4.5", "the server iterated the body a second time");
        }
        iterated = true;
        Iterator<byte[]> chunks = body.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                requireOpen();
                boolean more = chunks.hasNext();
                if (!more && !start.started()) {
                    throw violations.fail("S-4.3", "the body ended and start_response was never called");
                }
                return more;
            }

            @Override
            public byte[] next() {
                requireOpen();
                Object chunk = chunks.next();
                if (!(chunk instanceof byte[] bytes)) {
                    throw violations.fail("S-4.5", "the body yielded " + EnvironChecks.typeOf(chunk)
                            + " instead of a byte array");
                }
                if (!start.started()) {
                    throw violations.fail("S-4.3", "the body yielded a chunk before start_response was called");
                }
                return bytes;
            }
        };
    }

    /** Closes the application's body; its checked exceptions pass through undeclared, as the server logs them. */
    @Override
    public void close() {
        if (closed) {
            throw violations.fail("S-4.5", "the server closed the body a second time");
        }
        closed = true;
        start.end();
        violations.bodyClosed();
        if (body instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw ValidatingBody.<RuntimeException>sneaky(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }

    private void requireOpen() {
        if (closed) {
            throw violations.fail("S-4.5", "the server read the body after closing it");
        }
    }

    @Override
    public String toString() {
        return "ValidatingBody(" + body.getClass().getName() + ")";
    }

    /** Keeps a Collection body's size visible to the gateway; everything else goes through the checks. */
    private static final class AsCollection extends AbstractCollection<byte[]> implements AutoCloseable {
        private final ValidatingBody checked;
        private final Collection<?> collection;

        AsCollection(ValidatingBody checked, Collection<?> collection) {
            this.checked = checked;
            this.collection = collection;
        }

        @Override
        public int size() {
            return collection.size();
        }

        @Override
        public Iterator<byte[]> iterator() {
            return checked.iterator();
        }

        @Override
        public void close() {
            checked.close();
        }

        @Override
        public String toString() {
            return checked.toString();
        }
    }
}
