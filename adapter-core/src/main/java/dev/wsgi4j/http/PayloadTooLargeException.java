package dev.wsgi4j.http;

/** Client input over a configured limit (body, part, field count): answer 413. */
public class PayloadTooLargeException extends GatewayException {

    public PayloadTooLargeException(String message) {
        super(413, message);
    }

    public PayloadTooLargeException(String message, Throwable cause) {
        super(413, message, cause);
    }
}
