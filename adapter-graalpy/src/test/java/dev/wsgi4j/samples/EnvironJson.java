package dev.wsgi4j.samples;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads, from the demo's /environ JSON, the entries that describe the request rather than the server serving it. */
final class EnvironJson {

    /** Keys whose values two servers must agree on for the same request. */
    private static final Pattern REQUEST_KEY = Pattern.compile("\"(REQUEST_METHOD|SCRIPT_NAME|PATH_INFO|QUERY_STRING"
            + "|CONTENT_TYPE|CONTENT_LENGTH|SERVER_PROTOCOL|HTTP_X_DEMO|wsgi\\.version|wsgi\\.url_scheme"
            + "|wsgi\\.run_once|wsgi\\.input_terminated)\":(\"(?:[^\"\\\\]|\\\\.)*\"|true|false|\\[[^]]*])");

    private EnvironJson() {
    }

    /** Those entries as key to JSON value text, e.g. {@code PATH_INFO -> "/a b"}. */
    static Map<String, String> requestKeys(String json) {
        Map<String, String> found = new TreeMap<>();
        Matcher m = REQUEST_KEY.matcher(json);
        while (m.find()) {
            found.put(m.group(1), m.group(2));
        }
        return found;
    }
}
