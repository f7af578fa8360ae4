package dev.wsgi4j.netty;

import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/** Maps the cause Netty's decoder records in a failed {@code DecoderResult} to the status SPEC.md §6.5 names. */
final class DecoderFailures {

    private DecoderFailures() {
    }

    /**
     * For a failed request head: 414 line too long, 431 header block too long, the status a
     * {@link RequestHeadViolation} carries, else 400.
     */
    static int status(Throwable cause) {
        if (cause instanceof RequestHeadViolation violation) {
            return violation.status();
        }
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

    /**
     * For a failed body piece. The decoder reads chunk-size lines with the request-line parser, so a too-long chunk
     * line fails with {@link TooLongHttpLineException}: that is a malformed body (400), not a long URI (414).
     * Too-long trailers stay 431.
     */
    static int bodyStatus(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return 400;
        }
        return status(cause);
    }
}
