package dev.wsgi4j.netty.uwsgi;

/** A uwsgi packet that cannot be a request; the connection is closed without an answer (SPEC.md, "uwsgi"). */
final class UwsgiFormatException extends RuntimeException {

    UwsgiFormatException(String message) {
        super(message, null, false, false);
    }
}
