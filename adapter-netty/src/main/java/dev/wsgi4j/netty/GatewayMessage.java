package dev.wsgi4j.netty;

/**
 * What {@link RequestBodyStage} hands to {@link GatewayHandler}, one message per step of the response order: a
 * request to serve, a request to refuse, or the place where an interim {@code 100 Continue} belongs. Sealed, so the
 * handler decides once, in one place, what each message means.
 */
sealed interface GatewayMessage permits CompleteRequest, RequestRejection, ContinueSignal {

    /** Frees what the message holds (a body's buffer or spool file); safe to call more than once. */
    default void release() {
    }
}
