package dev.wsgi4j;

import java.util.List;

/**
 * PEP 3333's {@code start_response} callable (SPEC.md §1.2): records the status and headers to send before the
 * first body byte. Nothing is transmitted by the call itself.
 *
 * <p>Calling it a second time is allowed only with {@code excInfo}: before headers were sent, the new status and
 * headers replace the old; after, {@code excInfo} is rethrown so the server can abort the response.
 * Invalid status lines or headers raise {@link IllegalArgumentException} at call time.
 */
@FunctionalInterface
public interface StartResponse {

    Write start(String status, List<Header> headers, Throwable excInfo);

    default Write start(String status, List<Header> headers) {
        return start(status, headers, null);
    }
}
