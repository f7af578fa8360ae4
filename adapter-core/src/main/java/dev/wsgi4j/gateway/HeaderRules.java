package dev.wsgi4j.gateway;

import dev.wsgi4j.Header;

import java.util.List;
import java.util.Set;

/**
 * The checks every response header passes before anything is sent (SPEC.md §4.2): names are RFC 9110 tokens,
 * values hold no CR, LF, NUL or other control characters and only ISO-8859-1, and hop-by-hop headers are refused
 * because connection management is the server's job (PEP 3333, "Other HTTP Features").
 */
public final class HeaderRules {

    /** The hop-by-hop headers an application must not set (wsgiref.util._hoppish). */
    public static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailers", "trailer", "transfer-encoding", "upgrade");

    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[Character.toUpperCase(c)] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private HeaderRules() {
    }

    public static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || !TCHAR[c]) {
                return false;
            }
        }
        return true;
    }

    public static boolean isHopByHop(String name) {
        // Called for every response header: compare in place instead of lower-casing a copy.
        if (name.length() < 2 || name.length() > 19) {
            return false;
        }
        for (String hop : HOP_BY_HOP) {
            if (hop.length() == name.length() && hop.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Index of the first character not allowed in a field value, or -1 when the value is clean. */
    public static int invalidValueIndex(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF || (c < 0x20 && c != '\t') || c == 0x7F) {
                return i;
            }
        }
        return -1;
    }

    /** Throws {@link IllegalArgumentException} naming the first header that breaks a rule. */
    public static void check(List<Header> headers) {
        if (headers == null) {
            throw new IllegalArgumentException("[S-4.2] headers must be a list, not null");
        }
        for (Header h : headers) {
            if (h == null) {
                throw new IllegalArgumentException("[S-4.2] headers must not contain null");
            }
            if (!isToken(h.name())) {
                throw new IllegalArgumentException("[S-4.2] header name is not a token: " + quote(h.name()));
            }
            if (isHopByHop(h.name())) {
                throw new IllegalArgumentException("[S-4.2] hop-by-hop header is the server's: " + h.name());
            }
            int bad = invalidValueIndex(h.value());
            if (bad >= 0) {
                throw new IllegalArgumentException("[S-4.2] header " + h.name()
                        + " has a control or non-Latin-1 character at " + bad + ": " + quote(h.value()));
            }
        }
    }

    /** Java-escapes control characters so an error message cannot itself inject a line. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F || c > 0xFF) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
