package dev.wsgi4j.http;

import dev.wsgi4j.Environ;
import dev.wsgi4j.Header;
import dev.wsgi4j.StartResponse;
import dev.wsgi4j.WsgiInput;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the environ a server would pass, and records start_response calls. */
final class TestEnviron {

    private TestEnviron() {
    }

    static Map<String, Object> get(String scriptName, String pathInfo, String query) {
        Map<String, Object> env = new HashMap<>();
        env.put(Environ.REQUEST_METHOD, "GET");
        env.put(Environ.SCRIPT_NAME, scriptName);
        env.put(Environ.PATH_INFO, pathInfo);
        env.put(Environ.QUERY_STRING, query);
        env.put(Environ.SERVER_NAME, "example.org");
        env.put(Environ.SERVER_PORT, "80");
        env.put(Environ.WSGI_URL_SCHEME, "http");
        return env;
    }

    static Map<String, Object> post(String contentType, byte[] body) {
        Map<String, Object> env = get("", "/", "");
        env.put(Environ.REQUEST_METHOD, "POST");
        env.put(Environ.CONTENT_TYPE, contentType);
        env.put(Environ.CONTENT_LENGTH, Integer.toString(body.length));
        env.put(Environ.WSGI_INPUT, WsgiInput.of(body));
        return env;
    }

    /** A POST whose body is {@code body}, with no Content-Length (as with chunked transfer coding). */
    static Map<String, Object> postStream(String contentType, InputStream body) {
        Map<String, Object> env = get("", "/", "");
        env.put(Environ.REQUEST_METHOD, "POST");
        env.put(Environ.CONTENT_TYPE, contentType);
        env.put(Environ.WSGI_INPUT, new WsgiInput(body, -1));
        return env;
    }

    /** A start_response that remembers what it was called with. */
    static final class Recorder implements StartResponse {
        String status;
        List<Header> headers;
        int calls;

        @Override
        public dev.wsgi4j.Write start(String status, List<Header> headers, Throwable excInfo) {
            this.status = status;
            this.headers = new ArrayList<>(headers);
            calls++;
            return data -> {
                throw new AssertionError("write() not expected");
            };
        }

        String header(String name) {
            return headers.stream().filter(h -> h.is(name)).map(Header::value).findFirst().orElse(null);
        }
    }
}
