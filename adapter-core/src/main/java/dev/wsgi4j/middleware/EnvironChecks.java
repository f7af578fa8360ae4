package dev.wsgi4j.middleware;

import dev.wsgi4j.Environ;
import dev.wsgi4j.FileWrapper;
import dev.wsgi4j.WsgiInput;
import dev.wsgi4j.gateway.HeaderRules;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * The server's half of {@link Validator} (wsgiref's {@code check_environ}): what every environ must look like when
 * it reaches an application (SPEC.md §3). One method per rule; each failure names the rule and the value found.
 */
final class EnvironChecks {

    private static final List<String> REQUIRED = List.of(Environ.REQUEST_METHOD, Environ.SERVER_NAME,
            Environ.SERVER_PORT, Environ.SERVER_PROTOCOL, Environ.WSGI_VERSION, Environ.WSGI_URL_SCHEME,
            Environ.WSGI_INPUT, Environ.WSGI_ERRORS, Environ.WSGI_MULTITHREAD, Environ.WSGI_MULTIPROCESS,
            Environ.WSGI_RUN_ONCE);

    private final Violations violations;

    EnvironChecks(Violations violations) {
        this.violations = violations;
    }

    void check(Map<String, Object> environ) {
        requiredKeys(environ);
        cgiStrings(environ);
        input(environ);
        wsgiValues(environ);
        paths(environ);
        noContentHeaderCopies(environ);
        methodAndLength(environ);
    }

    /** [S-3.1] The keys every request has. */
    private void requiredKeys(Map<String, Object> environ) {
        if (environ == null) {
            throw violations.fail("S-3.1", "environ must be a map, not null");
        }
        for (String key : REQUIRED) {
            if (environ.get(key) == null) {
                throw violations.fail("S-3.1", "environ lacks the required key " + key);
            }
        }
    }

    /** [S-3.2] CGI values (keys without a dot) are Strings whose chars each stand for one byte. */
    private void cgiStrings(Map<String, Object> environ) {
        for (Map.Entry<String, Object> e : environ.entrySet()) {
            if (e.getKey().indexOf('.') >= 0) {
                continue;
            }
            if (!(e.getValue() instanceof String value)) {
                throw violations.fail("S-3.2", "environ value of " + e.getKey() + " must be a String, not "
                        + typeOf(e.getValue()));
            }
            for (int i = 0; i < value.length(); i++) {
                if (value.charAt(i) > 0xFF) {
                    throw violations.fail("S-3.2", e.getKey() + " has a char above U+00FF at " + i
                            + " (CGI values are ISO-8859-1 strings): " + value);
                }
            }
        }
    }

    /** [S-3.3] The body stream is a WsgiInput, which never reads past the body. */
    private void input(Map<String, Object> environ) {
        Object in = environ.get(Environ.WSGI_INPUT);
        if (!(in instanceof WsgiInput)) {
            throw violations.fail("S-3.3", "wsgi.input must be a WsgiInput, not " + typeOf(in));
        }
    }

    /** [S-3.4] The wsgi.* values have their documented types and values. */
    private void wsgiValues(Map<String, Object> environ) {
        Object version = environ.get(Environ.WSGI_VERSION);
        if (!(version instanceof List<?> list) || !list.equals(Environ.VERSION)) {
            throw violations.fail("S-3.4", "wsgi.version must equal " + Environ.VERSION + ", not " + version);
        }
        Object scheme = environ.get(Environ.WSGI_URL_SCHEME);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw violations.fail("S-3.4", "wsgi.url_scheme must be \"http\" or \"https\", not " + scheme);
        }
        requireType(environ, Environ.WSGI_ERRORS, PrintWriter.class, false);
        requireType(environ, Environ.WSGI_MULTITHREAD, Boolean.class, false);
        requireType(environ, Environ.WSGI_MULTIPROCESS, Boolean.class, false);
        requireType(environ, Environ.WSGI_RUN_ONCE, Boolean.class, false);
        requireType(environ, Environ.WSGI_INPUT_TERMINATED, Boolean.class, true);
        requireType(environ, Environ.WSGI_FILE_WRAPPER, FileWrapper.Factory.class, true);
    }

    /** [S-3.5] SCRIPT_NAME is "" at the root (never "/"); both paths are empty or start with '/'. */
    private void paths(Map<String, Object> environ) {
        String script = (String) environ.get(Environ.SCRIPT_NAME);
        String path = (String) environ.get(Environ.PATH_INFO);
        if (script != null && !script.isEmpty() && (!script.startsWith("/") || script.equals("/"))) {
            throw violations.fail("S-3.5", "SCRIPT_NAME must be \"\" or start with '/' and not be \"/\": \""
                    + script + "\"");
        }
        if (path != null && !path.isEmpty() && !path.startsWith("/")) {
            throw violations.fail("S-3.5", "PATH_INFO must be \"\" or start with '/': \"" + path + "\"");
        }
    }

    /** [S-3.6] Content-Type and Content-Length appear only as CONTENT_TYPE and CONTENT_LENGTH. */
    private void noContentHeaderCopies(Map<String, Object> environ) {
        for (String key : List.of("CONTENT_TYPE", "CONTENT_LENGTH")) {
            if (environ.containsKey("HTTP_" + key)) {
                throw violations.fail("S-3.6", "environ must not have HTTP_" + key + " (use " + key + ")");
            }
        }
    }

    /** [S-3.7] REQUEST_METHOD is a token; CONTENT_LENGTH, when set, is digits. */
    private void methodAndLength(Map<String, Object> environ) {
        String method = (String) environ.get(Environ.REQUEST_METHOD);
        if (!HeaderRules.isToken(method)) {
            throw violations.fail("S-3.7", "REQUEST_METHOD must be a token: \"" + method + "\"");
        }
        String length = (String) environ.get(Environ.CONTENT_LENGTH);
        if (length != null && !length.isEmpty() && !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw violations.fail("S-3.7", "CONTENT_LENGTH must be digits: \"" + length + "\"");
        }
    }

    private void requireType(Map<String, Object> environ, String key, Class<?> type, boolean optional) {
        Object value = environ.get(key);
        if (value == null ? !optional : !type.isInstance(value)) {
            throw violations.fail("S-3.4", key + " must be a " + type.getSimpleName() + ", not " + typeOf(value));
        }
    }

    static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }
}
