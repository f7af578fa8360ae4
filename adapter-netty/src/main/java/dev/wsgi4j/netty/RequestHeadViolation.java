package dev.wsgi4j.netty;

/**
 * A request head refused by {@link RequestHeadScanner} before the codec saw the offending bytes. It travels as the
 * cause of a failed {@code DecoderResult}, so {@link RequestBodyStage} answers it in order like any decoder failure,
 * and {@link DecoderFailures} reads the status from it.
 */
final class RequestHeadViolation extends IllegalArgumentException {

    private final int status;

    RequestHeadViolation(int status, String reason) {
        super(reason);
        this.status = status;
    }

    /** The status to answer (SPEC.md §6.5). */
    int status() {
        return status;
    }
}
