package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.http.Responses;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Blocks its thread for {@code ?ms=} milliseconds, as slow I/O would. The server runs applications on a worker pool,
 * so many sleepers overlap; the app counts the most that ever slept at once, to make that visible.
 */
public final class SlowApp implements Application {

    static final long MAX_MILLIS = 10_000;

    private final AtomicInteger sleeping = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) throws Exception {
        long millis = QueryParams.of(environ).number("ms", 1000, 0, MAX_MILLIS);
        mostAtOnce.accumulateAndGet(sleeping.incrementAndGet(), Math::max);
        try {
            Thread.sleep(millis);
        } finally {
            sleeping.decrementAndGet();
        }
        return Responses.text("slept " + millis).send(startResponse);
    }

    /** The largest number of requests that were sleeping at the same moment since this app was created. */
    public int mostSleepersAtOnce() {
        return mostAtOnce.get();
    }
}
