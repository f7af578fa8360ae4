package dev.wsgi4j.netty;

import dev.wsgi4j.Header;
import dev.wsgi4j.gateway.ResponseHead;
import dev.wsgi4j.gateway.StatusLine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A path the server answers itself instead of calling the application ({@link ServerEndpoints}), such as the
 * health check.
 */
interface ServerEndpoint {

    /** A whole answer: its head, and its body unless the head says to omit it. */
    record Answer(ResponseHead head, List<byte[]> chunks) {

        /** A small text answer; {@code extra} headers follow Content-Type and Content-Length. */
        static Answer text(int status, String contentType, byte[] body, boolean omitBody, Header... extra) {
            List<Header> headers = new ArrayList<>(2 + extra.length);
            headers.add(new Header("Content-Type", contentType));
            headers.add(new Header("Content-Length", Integer.toString(body.length)));
            headers.addAll(List.of(extra));
            return new Answer(new ResponseHead(StatusLine.of(status), headers, body.length, omitBody),
                    omitBody ? List.of() : List.of(body));
        }

        /** {@code text} as a UTF-8 {@code text/plain} answer. */
        static Answer plain(int status, String text, boolean omitBody, Header... extra) {
            return text(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8), omitBody, extra);
        }
    }

    /** The answer to a GET, or to a HEAD when {@code omitBody}. */
    Answer answer(boolean omitBody);

    /**
     * Where {@link #answer} runs: null for the event loop, for answers that take no time; an executor of its own for
     * those that may take a while.
     */
    Executor executor();
}
