package dev.wsgi4j.middleware;

import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.Write;
import dev.wsgi4j.gateway.HeaderRules;
import dev.wsgi4j.gateway.StatusLine;

import java.util.List;

/**
 * The application's half of {@link Validator} at {@code start_response} and {@code write} (wsgiref's
 * {@code check_status}, {@code check_headers}, {@code WriteWrapper}): checks each call, then hands it to the
 * server's own callable. Also the per-request record the body wrapper consults.
 */
final class ValidatingStartResponse implements StartResponse {

    private final StartResponse server;
    private final Violations violations;
    private volatile boolean started;
    private volatile boolean ended;

    ValidatingStartResponse(StartResponse server, Violations violations) {
        this.server = server;
        this.violations = violations;
    }

    @Override
    public Write start(String status, List<Header> headers, Throwable excInfo) {
        if (started && excInfo == null) {
            throw violations.fail("S-4.3", "start_response called a second time without exc_info");
        }
        checkStatus(status);
        checkHeaders(headers);
        started = true;
        Write write = server.start(status, headers, excInfo);
        return data -> {
            if (data == null) {
                throw violations.fail("S-4.4", "write() was given null instead of a byte array");
            }
            if (ended) {
                throw violations.fail("S-4.4", "write() called after the response body was closed");
            }
            write.write(data);
        };
    }

    boolean started() {
        return started;
    }

    /** The server closed the body: the request is over for the application. */
    void end() {
        ended = true;
    }

    /** [S-4.1] "NNN reason", as the gateway parses it. */
    private void checkStatus(String status) {
        try {
            StatusLine.parse(status);
        } catch (IllegalArgumentException e) {
            throw violations.fail("S-4.1", "bad status " + (status == null ? "null" : "\"" + status + "\"")
                    + ": " + e.getMessage());
        }
    }

    /** [S-4.2] Token names, clean values, no hop-by-hop, no CGI "Status", at most one Content-Length of digits. */
    private void checkHeaders(List<Header> headers) {
        try {
            HeaderRules.check(headers);
        } catch (IllegalArgumentException e) {
            throw violations.fail("S-4.2", e.getMessage());
        }
        int lengths = 0;
        for (Header h : headers) {
            if (h.is("Status")) {
                throw violations.fail("S-4.2", "a Status header is CGI, not WSGI: put it in the status argument");
            }
            if (h.is("Content-Length")) {
                lengths++;
                if (h.value().isEmpty() || !h.value().chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw violations.fail("S-4.2", "Content-Length must be digits: \"" + h.value() + "\"");
                }
            }
        }
        if (lengths > 1) {
            throw violations.fail("S-4.2", "more than one Content-Length header");
        }
    }
}
