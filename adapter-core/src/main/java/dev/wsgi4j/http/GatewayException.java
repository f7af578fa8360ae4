package dev.wsgi4j.http;

/**
 * A request the gateway or a helper cannot serve, with the HTTP status a server should answer it with.
 * Helpers throw the subclasses; servers map {@link #status()} to a response instead of a 500.
 */
public class GatewayException extends RuntimeException {

    private final int status;

    public GatewayException(int status, String message) {
        super(message);
        this.status = status;
    }

    public GatewayException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
