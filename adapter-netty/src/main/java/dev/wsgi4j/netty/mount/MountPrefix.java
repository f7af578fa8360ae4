package dev.wsgi4j.netty.mount;

import dev.wsgi4j.Environ;

/**
 * What a mount prefix may be, and when it covers a path: the rules of core's {@code UrlMap} (longest prefix, at a
 * segment boundary, {@code "/"} the root) made strict enough for a command line, and those SPEC.md §3.9 sets for
 * {@code X-Forwarded-Prefix}, the other thing that becomes SCRIPT_NAME. A prefix is text, as typed; the form a path
 * is compared with is its UTF-8 bytes one char each ({@link #pathForm}), as PATH_INFO holds a decoded path (§3.5).
 */
public final class MountPrefix {

    private MountPrefix() {
    }

    /**
     * The prefix as the server keeps it: trailing slashes dropped, so {@code "/"} (or {@code ""}) is the root,
     * {@code ""}.
     *
     * @throws IllegalArgumentException saying which rule {@code prefix} breaks: it must start with {@code /}, hold no
     *                                  whitespace or other control character, no {@code ?}, {@code #} or {@code %}
     *                                  (a prefix is a decoded path, so a {@code %} would be ambiguous), and no empty,
     *                                  {@code .} or {@code ..} segment
     */
    public static String normalize(String prefix) {
        if (prefix.isEmpty() || prefix.equals("/")) {
            return "";
        }
        if (!prefix.startsWith("/")) {
            throw new IllegalArgumentException("a mount prefix starts with '/': '" + prefix + "'");
        }
        String trimmed = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("a mount prefix holds no space or control character: '"
                        + printable(prefix) + "'");
            }
            if (c == '?' || c == '#' || c == '%') {
                throw new IllegalArgumentException("a mount prefix holds no '" + c + "' (it is a decoded path): '"
                        + prefix + "'");
            }
        }
        for (String segment : trimmed.substring(1).split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("a mount prefix has no empty, '.' or '..' segment: '"
                        + prefix + "'");
            }
        }
        return trimmed;
    }

    /** {@code prefix} (normalized) as PATH_INFO would hold it: its UTF-8 bytes, one char each (SPEC.md §2). */
    public static String pathForm(String prefix) {
        return Environ.encode(prefix);
    }

    /** True when {@code pathPrefix} covers {@code path} up to a segment boundary: {@code /app} covers {@code /app/x}
     *  but not {@code /apple}; the root, {@code ""}, covers every path. */
    public static boolean matches(String pathPrefix, String path) {
        return path.startsWith(pathPrefix)
                && (path.length() == pathPrefix.length() || path.charAt(pathPrefix.length()) == '/');
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
