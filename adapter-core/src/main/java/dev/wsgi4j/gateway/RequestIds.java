package dev.wsgi4j.gateway;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids (SPEC.md §3.12): one string per request that ties the access log, the application's own log lines
 * and the client's report of a failure together. A request from a trusted proxy ({@link ProxyTrust}, the peers
 * whose {@code X-Forwarded-*} headers count) keeps the {@code X-Request-Id} that proxy sent, so that one id follows
 * the request through every hop; any other request gets a fresh one, so that a client cannot choose the id another
 * client's log lines carry. The id is put in the environ as {@link #KEY} and sent back as {@link #HEADER}.
 */
public final class RequestIds {

    /** The environ key: a server extension under PEP 3333's naming rule. */
    public static final String KEY = "wsgi4j.request_id";
    /** The request header a trusted proxy sets and the response header the id is echoed in. */
    public static final String HEADER = "X-Request-Id";
    /** Longest id accepted from a proxy; a longer one is replaced, as a malformed one is. */
    static final int MAX_LENGTH = 128;

    private static final String CGI_KEY = "HTTP_X_REQUEST_ID";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private RequestIds() {
    }

    /** The id of the request whose environ is {@code env}, taken from a trusted peer or generated. */
    static String of(Map<String, Object> env, InetSocketAddress peer, boolean localSocket, ProxyTrust trust) {
        Object sent = env.get(CGI_KEY);
        return sent != null && acceptable(sent.toString()) && trust.trustsPeer(peer, localSocket) ? sent.toString()
                : generate();
    }

    /** 128 random bits as 32 lower-case hex digits: unique enough to join log lines across processes and restarts. */
    public static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[32];
        for (int half = 0; half < 2; half++) {
            long bits = random.nextLong();
            for (int i = 0; i < 16; i++) {
                out[half * 16 + i] = HEX[(int) (bits >>> (60 - 4 * i)) & 0xf];
            }
        }
        return new String(out);
    }

    /**
     * Whether a proxy's id may be kept: 1 to {@value #MAX_LENGTH} visible ASCII characters, without quotes or
     * backslashes, so that it is safe as a header value and in any log line.
     */
    static boolean acceptable(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
