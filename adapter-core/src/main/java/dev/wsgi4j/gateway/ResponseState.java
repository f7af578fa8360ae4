package dev.wsgi4j.gateway;

import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.Write;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code start_response} state machine of SPEC.md §4.3, one per request: not started → started (status and
 * headers stored, replaceable only with exc-info) → headers sent (exc-info is then rethrown). Invalid input is
 * refused at call time, naming the SPEC rule.
 *
 * <p>Package-private: every server and the test client reach it only through {@link ResponseDriver} (one
 * {@link GatewayCall} owns one state), so no caller can mark headers sent behind the driver's back.
 */
final class ResponseState implements StartResponse {

    private final Write write;
    private boolean called;
    private boolean headersSent;
    private StatusLine status;
    private List<Header> headers = List.of();
    private long declaredLength = -1;

    /** @param write the legacy write callable handed back to the application */
    public ResponseState(Write write) {
        this.write = write;
    }

    @Override
    public Write start(String status, List<Header> headers, Throwable excInfo) {
        if (excInfo != null) {
            if (headersSent) {
                // PEP 3333: re-raise the original error so the server aborts the response.
                throw ResponseState.<RuntimeException>sneaky(excInfo);
            }
        } else if (called) {
            throw new IllegalStateException("[S-4.3] start_response called a second time without exc_info");
        }
        called = true;
        StatusLine parsed = StatusLine.parse(status);
        HeaderRules.check(headers);
        long length = ContentLengths.declared(headers);
        this.status = parsed;
        this.headers = List.copyOf(headers);
        this.declaredLength = length;
        return write;
    }

    /** True once a valid status and headers are stored. */
    public boolean isStarted() {
        return status != null;
    }

    public void requireStarted() {
        if (status == null) {
            throw new IllegalStateException(called
                    ? "[S-4.3] the last start_response call was refused; no valid status to send"
                    : "[S-4.3] the application produced a body before calling start_response");
        }
    }

    public StatusLine status() {
        return status;
    }

    public List<Header> headers() {
        return headers;
    }

    /** The Content-Length the application set, or -1. */
    public long declaredLength() {
        return declaredLength;
    }

    public boolean headersSent() {
        return headersSent;
    }

    public void markHeadersSent() {
        requireStarted();
        headersSent = true;
    }

    /**
     * The head to send: the stored status and headers, with Content-Length added when the body's length is known
     * ({@code knownLength} &gt;= 0) and the application set none, and removed from a 204.
     */
    ResponseHead head(long knownLength, boolean omitBody) {
        List<Header> sent = headers;
        boolean forbids = status.forbidsBody();
        if (status.code() == 204 && declaredLength >= 0) {
            // RFC 9110 §8.6: a server MUST NOT send Content-Length in a 204 (304 may keep the GET's length).
            sent = sent.stream().filter(h -> !h.is("Content-Length")).toList();
        }
        long length = declaredLength >= 0 ? declaredLength : knownLength;
        if (declaredLength < 0 && knownLength >= 0 && !forbids) {
            sent = new ArrayList<>(sent);
            sent.add(new Header("Content-Length", Long.toString(knownLength)));
        }
        return new ResponseHead(status, sent, forbids ? 0 : length, omitBody);
    }

    /** The server answers with an error of its own; nothing the application does later may be sent. */
    public void markHeadersSentForError() {
        headersSent = true;
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable t) throws T {
        throw (T) t;
    }
}
