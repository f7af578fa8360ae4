package dev.wsgi4j.netty;

import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.gateway.CgiHeaders;
import dev.wsgi4j.gateway.LogWriter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Translates a complete Netty request into a PEP 3333 environ (SPEC.md §3). Pure: it reads the request and the two
 * addresses and writes nothing, so it is tested without a channel.
 */
final class EnvironBuilder {

    private static final Logger APP_ERRORS = LoggerFactory.getLogger("dev.wsgi4j.app");
    private static final FileWrapper.Factory FILE_WRAPPER = FileWrapper::wrap;

    private final String urlScheme;

    EnvironBuilder(String urlScheme) {
        this.urlScheme = urlScheme;
    }

    /**
     * @param contentLength the body's exact length (the body stage has read it all)
     * @throws dev.wsgi4j.gateway.BadRequestException when the target cannot be decoded
     */
    Map<String, Object> build(HttpRequest request, WsgiInput input, long contentLength, InetSocketAddress local,
            InetSocketAddress remote) {
        RequestTarget target = RequestTarget.parse(request.uri());
        Map<String, Object> env = new HashMap<>(64);
        env.put(Environ.REQUEST_METHOD, request.method().name());
        env.put(Environ.SCRIPT_NAME, "");
        env.put(Environ.PATH_INFO, target.decodedPath());
        env.put(Environ.QUERY_STRING, target.query());
        env.put(Environ.RAW_URI, target.raw());
        env.put(Environ.SERVER_PROTOCOL, request.protocolVersion().text());
        // Headers first: an absolute-form target's authority then replaces HTTP_HOST instead of joining it.
        putHeaders(env, request);
        putServerAddress(env, target, request, local);
        if (remote != null) {
            env.put(Environ.REMOTE_ADDR, remote.getAddress().getHostAddress());
            env.put(Environ.REMOTE_PORT, Integer.toString(remote.getPort()));
        }
        if (contentLength > 0 || request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            env.put(Environ.CONTENT_LENGTH, Long.toString(contentLength));
        }
        env.put(Environ.WSGI_VERSION, Environ.VERSION);
        env.put(Environ.WSGI_URL_SCHEME, urlScheme);
        env.put(Environ.WSGI_INPUT, input);
        env.put(Environ.WSGI_ERRORS, LogWriter.errorsFor(APP_ERRORS));
        env.put(Environ.WSGI_MULTITHREAD, Boolean.TRUE);
        env.put(Environ.WSGI_MULTIPROCESS, Boolean.FALSE);
        env.put(Environ.WSGI_RUN_ONCE, Boolean.FALSE);
        env.put(Environ.WSGI_INPUT_TERMINATED, Boolean.TRUE);
        env.put(Environ.WSGI_FILE_WRAPPER, FILE_WRAPPER);
        return env;
    }

    /** Every header line, mapped and joined as {@link CgiHeaders} says (the test client does the same). */
    private static void putHeaders(Map<String, Object> env, HttpRequest request) {
        for (Map.Entry<String, String> header : request.headers()) {
            CgiHeaders.put(env, header.getKey(), header.getValue());
        }
    }

    private void putServerAddress(Map<String, Object> env, RequestTarget target, HttpRequest request,
            InetSocketAddress local) {
        String authority = target.authority() != null ? target.authority() : request.headers().get(HttpHeaderNames.HOST);
        HostHeader host = authority == null ? null : HostHeader.parse(authority);
        String defaultPort = urlScheme.equals("https") ? "443" : "80";
        if (host != null && !host.name().isEmpty()) {
            env.put(Environ.SERVER_NAME, host.name());
            env.put(Environ.SERVER_PORT, host.port() >= 0 ? Integer.toString(host.port()) : defaultPort);
        } else if (local != null) {
            String name = local.getHostString();
            // An IPv6 literal is bracketed, as in a Host header, so that URL reconstruction stays valid.
            env.put(Environ.SERVER_NAME, name.indexOf(':') >= 0 ? "[" + name + "]" : name);
            env.put(Environ.SERVER_PORT, Integer.toString(local.getPort()));
        } else {
            env.put(Environ.SERVER_NAME, "localhost");
            env.put(Environ.SERVER_PORT, defaultPort);
        }
        if (target.authority() != null) {
            env.put(Environ.HTTP_HOST, target.authority());
        }
    }
}
