package dev.wsgi4j.netty;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/** Maps the cause Netty's decoder records in a failed {@code DecoderResult} to the status SPEC.md §6.5 names. */
final class DecoderFailures {

    private DecoderFailures() {
    }

    static int status(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return 414;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return 431;
        }
        if (cause instanceof TooLongFrameException) {
            return 431;
        }
        return 400;
    }
}
