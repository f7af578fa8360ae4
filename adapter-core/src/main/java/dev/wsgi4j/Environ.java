package dev.wsgi4j;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The environ keys of SPEC.md §3 and typed accessors for them, so applications need not cast by hand.
 *
 * <p>CGI values are {@code String}s whose characters are all in U+0000..U+00FF: each stands for one byte of the
 * request, as PEP 3333 prescribes. Use {@link #decode(String)} to read such a value as UTF-8 text.
 */
public final class Environ {

    public static final String REQUEST_METHOD = "REQUEST_METHOD";
    public static final String SCRIPT_NAME = "SCRIPT_NAME";
    public static final String PATH_INFO = "PATH_INFO";
    public static final String QUERY_STRING = "QUERY_STRING";
    public static final String CONTENT_TYPE = "CONTENT_TYPE";
    public static final String CONTENT_LENGTH = "CONTENT_LENGTH";
    public static final String SERVER_NAME = "SERVER_NAME";
    public static final String SERVER_PORT = "SERVER_PORT";
    public static final String SERVER_PROTOCOL = "SERVER_PROTOCOL";
    public static final String REMOTE_ADDR = "REMOTE_ADDR";
    public static final String REMOTE_PORT = "REMOTE_PORT";
    /** The request target exactly as received (path and query, still percent-encoded). */
    public static final String RAW_URI = "RAW_URI";
    public static final String HTTP_HOST = "HTTP_HOST";

    public static final String WSGI_VERSION = "wsgi.version";
    public static final String WSGI_URL_SCHEME = "wsgi.url_scheme";
    public static final String WSGI_INPUT = "wsgi.input";
    public static final String WSGI_ERRORS = "wsgi.errors";
    public static final String WSGI_MULTITHREAD = "wsgi.multithread";
    public static final String WSGI_MULTIPROCESS = "wsgi.multiprocess";
    public static final String WSGI_RUN_ONCE = "wsgi.run_once";
    public static final String WSGI_INPUT_TERMINATED = "wsgi.input_terminated";
    public static final String WSGI_FILE_WRAPPER = "wsgi.file_wrapper";
    /** gunicorn's name for the 103 Early Hints callable ({@link EarlyHints}). */
    public static final String WSGI_EARLY_HINTS = "wsgi.early_hints";
    /**
     * A server extension (PEP 3333's rule: a name with the server's prefix): a
     * {@link java.util.function.BooleanSupplier} that turns true once the client has gone (SPEC.md §3.8).
     */
    public static final String WSGI4J_CLIENT_DISCONNECTED = "wsgi4j.client_disconnected";

    /** The value of {@code wsgi.version}. */
    public static final List<Integer> VERSION = List.of(1, 0);

    private Environ() {
    }

    public static String method(Map<String, Object> environ) {
        return string(environ, REQUEST_METHOD, "GET");
    }

    public static String scriptName(Map<String, Object> environ) {
        return string(environ, SCRIPT_NAME, "");
    }

    public static String pathInfo(Map<String, Object> environ) {
        return string(environ, PATH_INFO, "");
    }

    public static String queryString(Map<String, Object> environ) {
        return string(environ, QUERY_STRING, "");
    }

    public static String contentType(Map<String, Object> environ) {
        return string(environ, CONTENT_TYPE, "");
    }

    /**
     * CONTENT_LENGTH as a number, or -1 when absent, empty or not plain digits (the body then ends where wsgi.input
     * ends). A sign is not part of the grammar: "-5" and "+5" are unknown lengths, not numbers.
     */
    public static long contentLength(Map<String, Object> environ) {
        String value = string(environ, CONTENT_LENGTH, "").trim();
        if (value.isEmpty()) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return -1;
            }
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static String urlScheme(Map<String, Object> environ) {
        return string(environ, WSGI_URL_SCHEME, "http");
    }

    /** The value of request header {@code name} (any case, {@code -} or {@code _}), or null when absent. */
    public static String header(Map<String, Object> environ, String name) {
        String key = name.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        if (key.equals(CONTENT_TYPE) || key.equals(CONTENT_LENGTH)) {
            return (String) environ.get(key);
        }
        return (String) environ.get("HTTP_" + key);
    }

    public static WsgiInput input(Map<String, Object> environ) {
        Object in = environ.get(WSGI_INPUT);
        return in == null ? WsgiInput.empty() : (WsgiInput) in;
    }

    public static PrintWriter errors(Map<String, Object> environ) {
        return (PrintWriter) environ.get(WSGI_ERRORS);
    }

    /** {@code wsgi.early_hints}, or {@link EarlyHints#NONE} when the server (or a test's environ) offers none. */
    public static EarlyHints earlyHints(Map<String, Object> environ) {
        Object hints = environ.get(WSGI_EARLY_HINTS);
        return hints instanceof EarlyHints e ? e : EarlyHints.NONE;
    }

    /**
     * {@code wsgi4j.client_disconnected}: true once the client has gone, so that a long computation can stop early.
     * A supplier that is always false when the server (or a test's environ) offers none.
     */
    public static java.util.function.BooleanSupplier clientDisconnected(Map<String, Object> environ) {
        Object signal = environ.get(WSGI4J_CLIENT_DISCONNECTED);
        return signal instanceof java.util.function.BooleanSupplier s ? s : NEVER_DISCONNECTED;
    }

    private static final java.util.function.BooleanSupplier NEVER_DISCONNECTED = () -> false;

    public static FileWrapper.Factory fileWrapper(Map<String, Object> environ) {
        Object factory = environ.get(WSGI_FILE_WRAPPER);
        return factory == null ? FileWrapper::wrap : (FileWrapper.Factory) factory;
    }

    /** Reads a CGI value's bytes (one per character, ISO-8859-1) as UTF-8 text, as most applications want. */
    public static String decode(String cgiValue) {
        return new String(cgiValue.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Encodes text as UTF-8 and returns its bytes as a CGI string (one character per byte). */
    public static String encode(String text) {
        return new String(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String string(Map<String, Object> environ, String key, String fallback) {
        Object value = environ.get(key);
        return value == null ? fallback : (String) value;
    }
}
