package dev.wsgi4j.testing;

import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.Header;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.gateway.BadRequestException;
import dev.wsgi4j.gateway.CgiHeaders;
import dev.wsgi4j.gateway.PathDecoder;

import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the PEP 3333 environ a server would build for a {@link TestRequest} (SPEC.md §3): CGI values as
 * ISO-8859-1 strings, one {@code HTTP_*} key per header, repeated headers joined with {@code ", "}.
 */
final class RequestEnviron {

    /** The client port the test client reports; a real server reports the socket's. */
    static final String REMOTE_PORT = "49152";

    private RequestEnviron() {
    }

    /** A fresh, mutable environ; throws {@link BadRequestException} for a path a server would refuse. */
    static Map<String, Object> build(TestRequest request, PrintWriter errors) {
        String target = request.target();
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);

        Map<String, Object> env = new HashMap<>();
        env.put(Environ.REQUEST_METHOD, request.method());
        env.put(Environ.SCRIPT_NAME, "");
        env.put(Environ.PATH_INFO, PathDecoder.decode(rawPath));
        env.put(Environ.QUERY_STRING, q < 0 ? "" : target.substring(q + 1));
        env.put(Environ.RAW_URI, target);
        env.put(Environ.SERVER_PROTOCOL, request.protocol());
        putServer(env, request);
        env.put(Environ.REMOTE_ADDR, "127.0.0.1");
        env.put(Environ.REMOTE_PORT, REMOTE_PORT);
        putHeaders(env, request);

        env.put(Environ.WSGI_VERSION, Environ.VERSION);
        env.put(Environ.WSGI_URL_SCHEME, request.scheme());
        env.put(Environ.WSGI_INPUT, new WsgiInput(request.openBody(), request.bodyLength()));
        env.put(Environ.WSGI_ERRORS, errors);
        env.put(Environ.WSGI_MULTITHREAD, true);
        env.put(Environ.WSGI_MULTIPROCESS, false);
        env.put(Environ.WSGI_RUN_ONCE, false);
        env.put(Environ.WSGI_INPUT_TERMINATED, true);
        env.put(Environ.WSGI_FILE_WRAPPER, (FileWrapper.Factory) FileWrapper::wrap);
        return env;
    }

    private static void putServer(Map<String, Object> env, TestRequest request) {
        String host = request.host();
        int colon = host.lastIndexOf(':');
        boolean hasPort = colon >= 0 && host.indexOf(']', colon) < 0;
        String defaultPort = request.scheme().equals("https") ? "443" : "80";
        env.put(Environ.SERVER_NAME, hasPort ? host.substring(0, colon) : host);
        env.put(Environ.SERVER_PORT, hasPort ? host.substring(colon + 1) : defaultPort);
        env.put(Environ.HTTP_HOST, host);
    }

    private static void putHeaders(Map<String, Object> env, TestRequest request) {
        for (Header h : request.headers()) {
            CgiHeaders.put(env, h.name(), h.value());
        }
        if (request.bodyLength() > 0) {
            env.put(Environ.CONTENT_LENGTH, Long.toString(request.bodyLength()));
        }
    }
}
