package dev.wsgi4j.samples;

import dev.wsgi4j.Application;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Fails on purpose, to show what a server does with it: an exception before start_response becomes a generic 500 on
 * a connection that stays usable; one after the first block went out can only cut the response short.
 */
public final class ErrorApp implements Application {

    private final boolean afterFirstBlock;

    private ErrorApp(boolean afterFirstBlock) {
        this.afterFirstBlock = afterFirstBlock;
    }

    /** Raises before calling start_response. */
    public static ErrorApp beforeStart() {
        return new ErrorApp(false);
    }

    /** Calls start_response, yields one block, then raises. */
    public static ErrorApp afterFirstBlock() {
        return new ErrorApp(true);
    }

    @Override
    public Iterable<byte[]> call(Map<String, Object> environ, StartResponse startResponse) {
        if (!afterFirstBlock) {
            throw new IllegalStateException("ErrorApp fails before start_response, as it was asked to");
        }
        startResponse.start("200 OK", List.of(Header.of("Content-Type", "text/plain; charset=utf-8")));
        return () -> new Iterator<>() {
            private boolean yielded;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public byte[] next() {
                if (yielded) {
                    throw new IllegalStateException("ErrorApp fails after its first block, as it was asked to");
                }
                yielded = true;
                return "the first block arrives; the rest never will\n".getBytes(StandardCharsets.UTF_8);
            }
        };
    }
}
