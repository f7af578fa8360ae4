package dev.wsgi4j;

import java.util.Map;

/**
 * A web application: the Java form of a PEP 3333 application callable (SPEC.md §1.1).
 *
 * <p>The server calls it once per request with a fresh, mutable {@code environ} and a {@link StartResponse}.
 * The application must call {@code startResponse} before (or while) the first element of the returned body
 * is produced. The body's chunks go to the client in order and unaltered; a body that is
 * {@link AutoCloseable} is closed exactly once when the request ends, whatever happened.
 */
@FunctionalInterface
public interface Application {

    Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception;
}
