package dev.wsgi4j.gateway;

import java.util.ArrayList;
import java.util.List;

/**
 * The RFC 7239 {@code Forwarded} header, split into its elements, one per proxy hop, left (nearest the client) to
 * right (nearest this server). Only {@code for}, {@code proto} and {@code host} are kept; {@code by} and extensions
 * are parsed and passed over. A value that breaks the grammar is no header at all ({@link #parse} returns null), so
 * that a malformed header is served as if absent (SPEC.md §3.9).
 *
 * <pre>
 * Forwarded         = 1#forwarded-element
 * forwarded-element = [ forwarded-pair ] *( ";" [ forwarded-pair ] )
 * forwarded-pair    = token "=" value ; value = token / quoted-string
 * </pre>
 */
final class ForwardedElements {

    /** One hop: the values of its parameters, unquoted, or null where the hop left one out. */
    record Element(String forNode, String proto, String host) {
    }

    private final String text;
    private int pos;

    private ForwardedElements(String text) {
        this.text = text;
    }

    /** The elements of {@code value} in order, or null when it is not a {@code Forwarded} value. */
    static List<Element> parse(String value) {
        try {
            return new ForwardedElements(value).elements();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private List<Element> elements() {
        List<Element> elements = new ArrayList<>(2);
        do {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++; // an empty list member (RFC 9110 §5.6.1 lets a recipient ignore it)
                continue;
            }
            elements.add(element());
            skipSpace();
            if (pos < text.length()) {
                expect(',');
            }
        } while (pos < text.length());
        if (elements.isEmpty()) {
            throw new IllegalArgumentException("no element");
        }
        return elements;
    }

    private Element element() {
        String forNode = null;
        String proto = null;
        String host = null;
        boolean seenBy = false;
        while (true) {
            skipSpace();
            if (pos < text.length() && isTokenChar(text.charAt(pos))) {
                String name = token();
                expect('=');
                String value = pos < text.length() && text.charAt(pos) == '"' ? quoted() : token();
                // RFC 7239 §4: a parameter MUST NOT occur more than once per element.
                if (name.equalsIgnoreCase("for")) {
                    forNode = once(forNode, value);
                } else if (name.equalsIgnoreCase("proto")) {
                    proto = once(proto, value);
                } else if (name.equalsIgnoreCase("host")) {
                    host = once(host, value);
                } else if (name.equalsIgnoreCase("by")) {
                    if (seenBy) {
                        throw new IllegalArgumentException("repeated by");
                    }
                    seenBy = true;
                }
                skipSpace();
            }
            if (pos < text.length() && text.charAt(pos) == ';') {
                pos++;
                continue;
            }
            return new Element(forNode, proto, host);
        }
    }

    private static String once(String earlier, String value) {
        if (earlier != null) {
            throw new IllegalArgumentException("repeated parameter");
        }
        return value;
    }

    private String token() {
        int start = pos;
        while (pos < text.length() && isTokenChar(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw new IllegalArgumentException("token expected at " + start);
        }
        return text.substring(start, pos);
    }

    /** RFC 9110 §5.6.4: {@code DQUOTE *( qdtext / quoted-pair ) DQUOTE}. */
    private String quoted() {
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\') {
                if (pos == text.length()) {
                    break;
                }
                c = text.charAt(pos++);
            }
            if ((c < 0x20 && c != '\t') || c == 0x7F || c > 0xFF) {
                throw new IllegalArgumentException("control character in a quoted string");
            }
            out.append(c);
        }
        throw new IllegalArgumentException("unterminated quoted string");
    }

    private void expect(char c) {
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw new IllegalArgumentException("'" + c + "' expected at " + pos);
        }
        pos++;
    }

    private void skipSpace() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    /** tchar (RFC 9110 §5.6.2). */
    static boolean isTokenChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }
}
