package dev.wsgi4j.netty.uwsgi;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A uwsgi request's vars turned into what the HTTP/1.1 path already serves: an {@code HttpRequest} whose header lines
 * are rebuilt from the {@code HTTP_*} vars (so the same header rules, {@code CgiHeaders} and body stage apply), the
 * body length from CONTENT_LENGTH, and the rest as a {@link UwsgiOrigin}.
 *
 * @param bodyLength the body's exact length; 0 when CONTENT_LENGTH is empty or absent (as nginx's uwsgi_params sends it)
 */
record UwsgiRequest(HttpRequest head, long bodyLength, UwsgiOrigin origin) {

    private static final Pattern PROTOCOL = Pattern.compile("HTTP/[0-9](\\.[0-9])?");

    /**
     * {@code HTTP_*} vars not turned into header lines: the framing and content ones come from CONTENT_LENGTH and
     * CONTENT_TYPE (nginx sends both forms); nginx has answered any {@code Expect} and removed the transfer coding.
     */
    private static final Set<String> NOT_HEADERS = Set.of("HTTP_CONTENT_LENGTH", "HTTP_CONTENT_TYPE",
            "HTTP_TRANSFER_ENCODING", "HTTP_EXPECT");

    /**
     * @throws UwsgiFormatException when no method is given, or CONTENT_LENGTH, SERVER_PROTOCOL, the method or a
     *                              header is malformed
     */
    static UwsgiRequest of(UwsgiVars vars) {
        String method = vars.get("REQUEST_METHOD");
        if (method == null || method.isEmpty()) {
            throw new UwsgiFormatException("no REQUEST_METHOD");
        }
        String protocol = vars.get("SERVER_PROTOCOL");
        if (protocol == null || protocol.isEmpty()) {
            protocol = "HTTP/1.0";
        } else if (!PROTOCOL.matcher(protocol).matches()) {
            throw new UwsgiFormatException("SERVER_PROTOCOL is not HTTP/n.n");
        }
        long length = contentLength(vars.get("CONTENT_LENGTH"));
        HttpHeaders headers = new DefaultHttpHeaders();
        try {
            for (Map.Entry<String, String> var : vars.entries()) {
                String key = var.getKey();
                if (key.length() > 5 && key.startsWith("HTTP_") && !NOT_HEADERS.contains(key)) {
                    // A repeat can only come from the proxy's own configuration (nginx joins a client's repeated
                    // headers into one var): the later uwsgi_param wins, as for every var.
                    headers.set(headerName(key), var.getValue());
                }
            }
            String type = vars.get("CONTENT_TYPE");
            if (type != null && !type.isEmpty()) {
                headers.set(HttpHeaderNames.CONTENT_TYPE, type);
            }
            if (length >= 0) {
                headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
            }
            // HTTP/1.0 when the client spoke it (Host is then optional); else the HTTP/1.1 the header rules know,
            // while the environ shows the protocol the client used (UwsgiOrigin).
            HttpVersion version = protocol.equals("HTTP/1.0") ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1;
            HttpRequest head = new DefaultHttpRequest(version, HttpMethod.valueOf(method), target(vars), headers);
            UwsgiOrigin origin = new UwsgiOrigin(address(vars.get("REMOTE_ADDR"), vars.get("REMOTE_PORT")),
                    server(vars.get("SERVER_NAME"), vars.get("SERVER_PORT")), scheme(vars), protocol,
                    mount(vars.get("SCRIPT_NAME")));
            return new UwsgiRequest(head, Math.max(length, 0), origin);
        } catch (IllegalArgumentException e) { // Netty's header, method and URI validation
            throw new UwsgiFormatException("malformed request vars: " + e.getMessage());
        }
    }

    /**
     * Holds the head to HTTP/1.1's size limits (SPEC.md §6.5), which Netty's decoder applies there while reading:
     * the request line it stands for ({@code METHOD SP REQUEST_URI SP SERVER_PROTOCOL}) over
     * {@code maxRequestLineLength} is marked 414, its header lines ({@code name: value CRLF} each) over
     * {@code maxHeaderBlockSize} 431, by a failed decoder result as Netty marks them. Header count and single-field
     * length are the header rules' own checks, shared with every protocol.
     */
    void checkSizes(int maxRequestLineLength, int maxHeaderBlockSize) {
        int line = head.method().name().length() + 1 + head.uri().length() + 1 + origin.protocol().length();
        if (line > maxRequestLineLength) {
            head.setDecoderResult(DecoderResult.failure(new TooLongHttpLineException(
                    "uwsgi request line is larger than " + maxRequestLineLength + " bytes")));
            return;
        }
        long block = 0;
        for (java.util.Iterator<Map.Entry<CharSequence, CharSequence>> it = head.headers().iteratorCharSequence();
             it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> field = it.next();
            block += field.getKey().length() + 2 + field.getValue().length() + 2;
        }
        if (block > maxHeaderBlockSize) {
            head.setDecoderResult(DecoderResult.failure(new TooLongHttpHeaderException(
                    "uwsgi header lines are larger than " + maxHeaderBlockSize + " bytes")));
        }
    }

    /** -1 for none (empty or absent); digits only, as a Content-Length header. */
    private static long contentLength(String value) {
        if (value == null || value.isEmpty()) {
            return -1;
        }
        if (value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new UwsgiFormatException("CONTENT_LENGTH is not a number");
        }
        return Long.parseLong(value);
    }

    /** {@code HTTP_X_FORWARDED_FOR} → {@code X-Forwarded-For}. */
    static String headerName(String key) {
        StringBuilder name = new StringBuilder(key.length() - 5);
        boolean start = true;
        for (int i = 5; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '_') {
                name.append('-');
                start = true;
            } else {
                name.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
                start = false;
            }
        }
        return name.toString();
    }

    /** REQUEST_URI as the client sent it; else PATH_INFO and QUERY_STRING, the path percent-encoded again. */
    private static String target(UwsgiVars vars) {
        String uri = vars.get("REQUEST_URI");
        if (uri != null && !uri.isEmpty()) {
            return uri;
        }
        String path = vars.get("PATH_INFO");
        StringBuilder target = new StringBuilder();
        String p = path == null || path.isEmpty() ? "/" : path;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c > 0x20 && c < 0x7f && c != '%' && c != '?' && c != '#') {
                target.append(c);
            } else {
                target.append('%').append(String.format(Locale.ROOT, "%02X", (int) c & 0xff));
            }
        }
        String query = vars.get("QUERY_STRING");
        if (query != null && !query.isEmpty()) {
            target.append('?').append(query);
        }
        return target.toString();
    }

    /**
     * The SCRIPT_NAME var as a mount prefix: a path as CGI gives it (already decoded), starting with {@code /},
     * without its trailing {@code /}, with no control character and no empty, {@code .} or {@code ..} segment; null
     * for none ({@code ""} or {@code /}, the root) or one that breaks these rules.
     */
    static String mount(String scriptName) {
        if (scriptName == null || !scriptName.startsWith("/")) {
            return null;
        }
        String prefix = scriptName.endsWith("/") ? scriptName.substring(0, scriptName.length() - 1) : scriptName;
        if (prefix.isEmpty()) {
            return null;
        }
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return null;
            }
        }
        for (String segment : prefix.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        return prefix;
    }

    private static String scheme(UwsgiVars vars) {
        String https = vars.get("HTTPS");
        String scheme = vars.get("REQUEST_SCHEME");
        if (https != null && (https.equalsIgnoreCase("on") || https.equals("1"))
                || scheme != null && scheme.equalsIgnoreCase("https")) {
            return "https";
        }
        return https != null && !https.isEmpty() || scheme != null && !scheme.isEmpty() ? "http" : null;
    }

    /** An IP literal and a port; null when the address is absent or not a literal (never a name lookup). */
    private static InetSocketAddress address(String ip, String port) {
        byte[] bytes = ip == null ? null : NetUtil.createByteArrayFromIpAddressString(ip);
        if (bytes == null) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port(port));
        } catch (java.net.UnknownHostException e) {
            return null; // not reached: the length is 4 or 16
        }
    }

    private static InetSocketAddress server(String name, String port) {
        return name == null || name.isEmpty() ? null : InetSocketAddress.createUnresolved(name, port(port));
    }

    private static int port(String port) {
        if (port == null || port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        int n = Integer.parseInt(port);
        return n <= 65535 ? n : 0;
    }
}
