package dev.wsgi4j.http;

/** Malformed client input (bad percent-escape, broken multipart framing): answer 400. */
public class BadRequestException extends GatewayException {

    public BadRequestException(String message) {
        super(400, message);
    }

    public BadRequestException(String message, Throwable cause) {
        super(400, message, cause);
    }
}
