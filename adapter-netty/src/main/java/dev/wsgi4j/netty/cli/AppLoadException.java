package dev.wsgi4j.netty.cli;

/** APP could not be turned into an application; the message is the one line the user sees. */
final class AppLoadException extends Exception {

    AppLoadException(String message) {
        super(message);
    }

    /** @param cause what the application's own code threw, for the log's stack trace (SIGHUP reloads) */
    AppLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
