package dev.wsgi4j.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 §5.2 reference resolution. {@link URI#resolve} follows the older RFC 2396, which resolves {@code ""}
 * and {@code ?q} to the base's directory and keeps {@code ..} segments above the root.
 */
final class UriReferences {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriReferences() {
    }

    /**
     * @param origin    {@code scheme://authority} of the base
     * @param basePath  the base's path, already percent-encoded and starting with "/"
     * @param baseQuery the base's raw query, or null
     */
    static String resolve(String scheme, String origin, String basePath, String baseQuery, String reference) {
        URI ref;
        try {
            ref = new URI(new URI(reference).toASCIIString());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI reference: " + e.getMessage(), e);
        }
        if (ref.getScheme() != null) {
            return ref.toASCIIString();
        }
        String prefix;
        String path;
        String query = ref.getRawQuery();
        String rawPath = ref.getRawPath() == null ? "" : ref.getRawPath();
        if (ref.getRawAuthority() != null) {
            prefix = scheme + "://" + ref.getRawAuthority();
            path = removeDotSegments(rawPath);
        } else {
            prefix = origin;
            if (rawPath.isEmpty()) {
                path = basePath;
                query = query != null ? query : baseQuery;
            } else if (rawPath.startsWith("/")) {
                path = removeDotSegments(rawPath);
            } else {
                path = removeDotSegments(basePath.substring(0, basePath.lastIndexOf('/') + 1) + rawPath);
            }
        }
        String fragment = ref.getRawFragment();
        return prefix + path + (query != null ? "?" + query : "") + (fragment != null ? "#" + fragment : "");
    }

    /**
     * A relative reference with the characters RFC 3986 does not allow percent-encoded as UTF-8 (space, non-ASCII,
     * {@code " < > \\ ^ ` { | } [ ]}, controls, a {@code %} not followed by two hex digits, a second {@code #}); reserved
     * characters and existing {@code %XX} escapes are kept, so an already quoted reference is unchanged. A reference
     * with a scheme or an authority ({@code //host}) is returned as it is: quoting a host is not this method's job.
     */
    static String quoteRelative(String reference) {
        if (hasSchemeOrAuthority(reference)) {
            return reference;
        }
        StringBuilder out = new StringBuilder(reference.length() + 16);
        boolean inFragment = false;
        for (int i = 0; i < reference.length(); ) {
            int c = reference.codePointAt(i);
            int width = Character.charCount(c);
            boolean keep = c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0);
            if (c == '%' && i + 2 < reference.length() && isHex(reference.charAt(i + 1))
                    && isHex(reference.charAt(i + 2))) {
                keep = true;
            } else if (c == '#' && !inFragment) {
                keep = true;
                inFragment = true;
            }
            if (keep) {
                out.appendCodePoint(c);
            } else {
                for (byte b : new String(Character.toChars(c)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
                }
            }
            i += width;
        }
        return out.toString();
    }

    /** True for {@code scheme:...} (RFC 3986 §3.1, before any / ? #) and for {@code //authority...}. */
    static boolean hasSchemeOrAuthority(String reference) {
        if (reference.startsWith("//")) {
            return true;
        }
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (c == ':') {
                return i > 0;
            }
            boolean schemeChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
            if (!schemeChar) {
                return false;
            }
        }
        return false;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** RFC 3986 §5.2.4. */
    static String removeDotSegments(String path) {
        String in = path;
        StringBuilder out = new StringBuilder();
        while (!in.isEmpty()) {
            if (in.startsWith("../")) {
                in = in.substring(3);
            } else if (in.startsWith("./")) {
                in = in.substring(2);
            } else if (in.startsWith("/./")) {
                in = in.substring(2);
            } else if (in.equals("/.")) {
                in = "/";
            } else if (in.startsWith("/../") || in.equals("/..")) {
                in = "/" + in.substring(in.equals("/..") ? 3 : 4);
                int last = out.lastIndexOf("/");
                out.setLength(Math.max(last, 0));
            } else if (in.equals(".") || in.equals("..")) {
                in = "";
            } else {
                int next = in.indexOf('/', in.startsWith("/") ? 1 : 0);
                String segment = next < 0 ? in : in.substring(0, next);
                out.append(segment);
                in = in.substring(segment.length());
            }
        }
        return out.toString();
    }
}
